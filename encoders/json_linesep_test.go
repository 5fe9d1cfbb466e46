package encoders

import (
	"encoding/json"
	"testing"
)

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
