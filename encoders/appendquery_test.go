package encoders

import (
	"net/url"
	"testing"
)

// AppendQueryData appends exactly Query(data) after what dst holds, and an
// error leaves dst as it was.
func TestAppendQueryData(t *testing.T) {
	type q struct {
		A int    `json:"a"`
		B string `json:"b,omitempty"`
	}
	for _, data := range []any{nil, "?x=1", q{A: 1, B: "s p"}, &q{A: 2}, map[string]string{"k": "v&w", "a": "1"},
		map[string]any{"n": 1.5, "nil": nil}, url.Values{"z": {"1", "2"}}} {
		want, err := Query(data)
		if err != nil {
			t.Fatal(err)
		}
		got, err := AppendQueryData([]byte("http://h/p?"), data)
		if err != nil || string(got) != "http://h/p?"+want {
			t.Errorf("%#v: %q, %v; want %q", data, got, err, "http://h/p?"+want)
		}
	}
	for _, bad := range []any{map[string]any{"a": 1, "f": func() {}}, struct{ F func() }{func() {}}, 3} {
		got, err := AppendQueryData([]byte("prefix?"), bad)
		if err == nil || string(got) != "prefix?" {
			t.Errorf("%T: %q, %v; want the prefix alone and an error", bad, got, err)
		}
	}
}
