package encoders

import (
	"encoding/json"
	"math"
	"testing"
)

// A negative zero is written 0, as JSON.stringify writes it; "-0" in a
// string and other numbers stay.
func TestMarshalJSONNegativeZero(t *testing.T) {
	nz := math.Copysign(0, -1)
	for _, c := range []struct {
		in   any
		want string
	}{
		{nz, `0`},
		{map[string]any{"z": nz, "s": "-0", "n": -0.5, "m": -10, "e": `a\"-0`}, `{"e":"a\\\"-0","m":-10,"n":-0.5,"s":"-0","z":0}`},
		{[]any{nz, nz, []float64{nz}}, `[0,0,[0]]`},
		{struct{ F float32 }{float32(nz)}, `{"F":0}`},
	} {
		got, err := MarshalJSON(c.in)
		if err != nil || string(got) != c.want {
			t.Errorf("MarshalJSON(%v) = %s, %v; want %s", c.in, got, err, c.want)
		}
	}
}

// U+2028 and U+2029 are written as the characters, as JSON.stringify
// writes them (encoding/json escapes them as \u2028); a backslash written
// before the text "u2028" stays an escaped backslash.
func TestMarshalJSONLineSeparatorsAsJSONStringify(t *testing.T) {
	for _, c := range []struct {
		in   any
		want string
	}{
		{"a\u2028b\u2029c", "\"a\u2028b\u2029c\""},
		{map[string]any{"k\u2028": []any{"\u2029", -0.0}}, "{\"k\u2028\":[\"\u2029\",0]}"},
		{`\u2028`, `"\\u2028"`},
		{`\` + "\u2028", "\"\\\\\u2028\""},
		{"<&>\u2027\u202a", "\"<&>\u2027\u202a\""},
	} {
		got, err := MarshalJSON(c.in)
		if err != nil || string(got) != c.want {
			t.Errorf("MarshalJSON(%q) = %q, %v; want %q", c.in, got, err, c.want)
			continue
		}
		var back any
		if err := json.Unmarshal(got, &back); err != nil {
			t.Errorf("MarshalJSON(%q) = %q: not JSON: %v", c.in, got, err)
		}
	}
}

// The query text of nested data is the JSON.stringify text, escaped:
// U+2028 goes as %E2%80%A8, as Taro's serializeParams sends it.
func TestQueryNestedLineSeparatorAsTaro(t *testing.T) {
	got, err := Query(map[string]any{"o": map[string]any{"s": "a\u2028b"}})
	if want := "o=%7B%22s%22%3A%22a%E2%80%A8b%22%7D"; err != nil || got != want {
		t.Errorf("Query = %q, %v; want %q", got, err, want)
	}
}
