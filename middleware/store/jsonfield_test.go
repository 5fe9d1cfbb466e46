package store

import (
	"encoding/json"
	"testing"

	"github.com/taroreq/taroreq/encoders"
)

// signByMap is SignCheck's rule as decoding into a map states it.
func signByMap(body []byte, key, sign string) bool {
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) != nil {
		return false
	}
	raw, ok := fields[key]
	if !ok {
		return false
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s == sign
	}
	if string(raw) == sign {
		return true
	}
	// A number, as JavaScript's String() writes it.
	var f float64
	if err := json.Unmarshal(raw, &f); err == nil {
		return encoders.NumberText(f) == sign
	} else if _, isNumber := err.(*json.UnmarshalTypeError); isNumber && raw[0] != '{' && raw[0] != '[' && raw[0] != 't' && raw[0] != 'f' {
		// Past float64's range: ±Infinity, as JSON.parse has it.
		return raw[0] == '-' && sign == "-Infinity" || raw[0] != '-' && sign == "Infinity"
	}
	return false
}

var signCases = []struct{ body, key, sign string }{
	{`{"id":7}`, "id", "7"},
	{`{"id":"7"}`, "id", "7"},
	{`{"id":7.0}`, "id", "7"},
	{`{"id":7.0}`, "id", "7.0"},
	{`{"id":1e3}`, "id", "1000"},
	{`{"id":1E21}`, "id", "1e+21"},
	{`{"id":-0}`, "id", "0"},
	{`{"id":1.50}`, "id", "1.5"},
	{`{"id":1e999}`, "id", "Infinity"},
	{`{"id":12345678901234567890}`, "id", "12345678901234567890"},
	{`{"id":12345678901234567890}`, "id", "12345678901234567000"},
	{`{"id":7}`, "id", "7.0"},
	{` { "a" : {"id":1, "x":[1,{"id":2}]} , "id" : "x\"y" } `, "id", `x"y`},
	{`{"id":1,"id":2}`, "id", "2"},
	{`{"id":1,"id":2}`, "id", "1"},
	{`{"\u0069d":"v"}`, "id", "v"},
	{`{"id":"\u0037"}`, "id", "7"},
	{`{"id":true}`, "id", "true"},
	{`{"id":null}`, "id", "null"},
	{`{"id":[7]}`, "id", "[7]"},
	{`{"id":7`, "id", "7"},
	{`[{"id":7}]`, "id", "7"},
	{`"id"`, "id", "7"},
	{`{"idx":7}`, "id", "7"},
	{`{"a":"}","id":"{"}`, "id", "{"},
	{`{"a":"\\","id":8}`, "id", "8"},
	{``, "id", "7"},
	{`{"id":"old","x":"new"}`, "id", "new"},
	{`{"id":"n\u0065w"}`, "id", "new"},
	{`{"id":"new"}`, "id", "new"},
	{"{\"id\":\"\xff\"}", "id", "\ufffd"},
	{"{\"id\":\"a\xffb\"}", "id", "a\ufffdb"},
	{`{"id":"a\/b"}`, "id", "a/b"},
}

// The field is found as decoding the whole object into a map finds it.
func TestSignCheckAgreesWithMap(t *testing.T) {
	for _, c := range signCases {
		got := SignCheck(c.key, c.sign)(nil, []byte(c.body))
		if want := signByMap([]byte(c.body), c.key, c.sign); got != want {
			t.Errorf("SignCheck(%q, %q)(%s) = %v, want %v", c.key, c.sign, c.body, got, want)
		}
	}
}

func FuzzSignCheck(f *testing.F) {
	for _, c := range signCases {
		f.Add(c.body, c.key, c.sign)
	}
	f.Fuzz(func(t *testing.T, body, key, sign string) {
		if key == "" || sign == "" {
			return
		}
		got := SignCheck(key, sign)(nil, []byte(body))
		if want := signByMap([]byte(body), key, sign); got != want {
			t.Errorf("SignCheck(%q, %q)(%q) = %v, want %v", key, sign, body, got, want)
		}
	})
}

func BenchmarkSignCheck(b *testing.B) {
	check := SignCheck("id", "7")
	body := []byte(`{"id":7,"name":"Ann","ok":true}`)
	b.ReportAllocs()
	for b.Loop() {
		if !check(nil, body) {
			b.Fatal("refused")
		}
	}
}

// The store's no-store check split Cache-Control on every comma: a field
// name in no-cache's or private's quoted argument ("no-store" is one a
// server may list) kept the answer out of the store, where the HTTP cache
// reads it as the argument it is. An open quote stays the safe no-store.
func TestNoStoreIsADirectiveNotAQuotedWord(t *testing.T) {
	for v, want := range map[string]bool{
		"no-store":                      true,
		"max-age=5, No-Store":           true,
		`no-cache="no-store, x"`:        false,
		`no-cache="a, no-store, b"`:     false,
		`private="a, no-store", public`: false,
		`private="a", no-store`:         true,
		`private="a, no-store`:          true,
	} {
		if got := noStore([]string{v}); got != want {
			t.Errorf("%s: noStore %v, want %v", v, got, want)
		}
	}
}
