package encoders

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name           string
		body           string
		status         int
		dataType, resp string
		want           any
		wantErr        bool
	}{
		{"object", `{"a":1,"b":[true,null,"x"]}`, 200, "json", "text",
			map[string]any{"a": 1.0, "b": []any{true, nil, "x"}}, false},
		{"array", `[1,2]`, 200, "json", "text", []any{1.0, 2.0}, false},
		{"number", `42.5`, 200, "json", "text", 42.5, false},
		{"string", `"hi"`, 200, "json", "text", "hi", false},
		{"null", `null`, 200, "json", "text", nil, false},
		{"bom", "\xEF\xBB\xBF{\"a\":1}", 200, "json", "text", map[string]any{"a": 1.0}, false},
		{"defaults are json and text", `{"a":1}`, 200, "", "", map[string]any{"a": 1.0}, false},
		{"surrounding white space", " \n[1] \n", 200, "json", "text", []any{1.0}, false},
		{"invalid", `{"a":`, 200, "json", "text", nil, true},
		{"html", `<html></html>`, 500, "json", "text", nil, true},
		{"trailing garbage", `{} x`, 200, "json", "text", nil, true},
		{"204 with body", `not json`, 204, "json", "text", nil, false},
		{"empty", ``, 200, "json", "text", nil, false},
		{"white space", " \t\r\n", 200, "json", "text", nil, false},
		{"text data type", `{"a":1}`, 200, "text", "text", `{"a":1}`, false},
		{"text data type, BOM", "\xEF\xBB\xBFhello", 200, "text", "text", "hello", false},
		{"numbers past float64", `{"n":1.2345e22,"f":1e400,"g":[-1e400,1e-400,2]}`, 200, "json", "text",
			map[string]any{"n": 1.2345e22, "f": math.Inf(1), "g": []any{math.Inf(-1), 0.0, 2.0}}, false},
		{"other data type", `<x/>`, 200, "xml", "text", `<x/>`, false},
		{"other data type empty", ``, 204, "xml", "text", ``, false},
		{"arraybuffer", `{"a":1}`, 200, "json", "arraybuffer", []byte(`{"a":1}`), false},
		{"arraybuffer empty", ``, 200, "json", "arraybuffer", []byte{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body []byte
			if tt.body != "" {
				body = []byte(tt.body)
			}
			got, err := Decode(body, tt.status, tt.dataType, tt.resp)
			if tt.wantErr {
				var syn *json.SyntaxError
				if !errors.Is(err, ErrDecode) || !errors.As(err, &syn) {
					t.Errorf("err = %v, want ErrDecode wrapping a *json.SyntaxError", err)
				}
			} else if err != nil {
				t.Errorf("err = %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("data = %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestDecodeArrayBufferNotCopied(t *testing.T) {
	body := []byte("abc")
	got, _ := Decode(body, 200, "json", "arraybuffer")
	if b, ok := got.([]byte); !ok || &b[0] != &body[0] {
		t.Errorf("arraybuffer data is %#v, not the body itself", got)
	}
}

func TestDecodeInto(t *testing.T) {
	type user struct {
		Name string `json:"name"`
		Age  int    `json:"age"`
	}
	var u user
	if err := DecodeInto([]byte(`{"name":"a","age":3}`), 200, &u); err != nil || u != (user{"a", 3}) {
		t.Errorf("DecodeInto = %+v, %v", u, err)
	}
	for _, tt := range []struct {
		body   string
		status int
	}{{"", 200}, {" \n", 200}, {"garbage", 204}} {
		u := user{Name: "keep"}
		if err := DecodeInto([]byte(tt.body), tt.status, &u); err != nil || u != (user{Name: "keep"}) {
			t.Errorf("DecodeInto(%q, %d) = %+v, %v; want v untouched, nil", tt.body, tt.status, u, err)
		}
	}
	err := DecodeInto([]byte(`{"name":`), 200, &u)
	var syn *json.SyntaxError
	if !errors.Is(err, ErrDecode) || !errors.As(err, &syn) {
		t.Errorf("invalid JSON: err = %v", err)
	}
	err = DecodeInto([]byte(`{"age":"old"}`), 200, &u)
	var typ *json.UnmarshalTypeError
	if !errors.Is(err, ErrDecode) || !errors.As(err, &typ) {
		t.Errorf("wrong type: err = %v", err)
	}
	// Valid JSON of another shape: the text says it did not fit, never
	// that the JSON is invalid.
	if msg := err.Error(); strings.Contains(msg, "not valid JSON") || !strings.Contains(msg, "encoders.user") {
		t.Errorf("wrong type: err text %q", msg)
	}
	if err := DecodeInto([]byte(`{}`), 200, u); err == nil || errors.Is(err, ErrDecode) {
		t.Errorf("non-pointer: err = %v, want a usage error", err)
	}
}

// fetchText replaces each maximal subpart of an ill-formed sequence with
// one U+FFFD, as the WHATWG decoder (and so fetch's text()) does; the
// expectations are what new Response(bytes).text() gives in node.
func TestFetchTextMaximalSubparts(t *testing.T) {
	const R = "\uFFFD"
	for in, want := range map[string]string{
		"plain":                 "plain",
		"caf\xe9":               "caf" + R,
		"a\xF0\x9F\x98b":        "a" + R + "b", // a 4-byte character cut short
		"a\xE2\x82b":            "a" + R + "b",
		"\xED\xA0\x80":          R + R + R, // a surrogate: ED takes no A0
		"\xC0\xAF":              R + R,     // an overlong lead
		"\xE0\x80\x80":          R + R + R, // E0 takes A0-BF
		"\xF4\x90\x80\x80":      R + R + R + R,
		"\xF0\x9F\x98\x80\x80x": "\U0001F600" + R + "x",
		"\xE2\x82\xAC\xE2":      "€" + R,
	} {
		got := fetchText([]byte(in))
		if got != want {
			t.Errorf("fetchText(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzFetchText(f *testing.F) {
	f.Add([]byte("a\xF0\x9F\x98b"))
	f.Fuzz(func(t *testing.T, b []byte) {
		got := fetchText(b)
		if !utf8.ValidString(got) {
			t.Fatalf("fetchText(%q) = %q: not UTF-8", b, got)
		}
		if utf8.Valid(b) && got != string(b) {
			t.Fatalf("fetchText(%q) changed valid text", b)
		}
		if n := strings.Count(got, "\uFFFD") - strings.Count(string(b), "\uFFFD"); n > len(b) {
			t.Fatalf("more replacements than bytes")
		}
	})
}
