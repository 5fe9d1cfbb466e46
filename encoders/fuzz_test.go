package encoders

import (
	"net/url"
	"testing"
	"unicode/utf8"
)

// namedMap takes Query's reflect path.
type namedMap map[string]any

// FuzzQueryRoundTrip checks that url.ParseQuery reads back exactly the key
// and value that Query wrote.
func FuzzQueryRoundTrip(f *testing.F) {
	for _, seed := range [][2]string{
		{"a", "1"}, {"", ""}, {"k", ""}, {"", "v"}, {"a b", "c d"}, {"a+b", "c+d"},
		{"&", "="}, {"#", "?"}, {";", ";"}, {"%", "%25"}, {"中文", "😀"},
		{"!'()*~", "-_."}, {"\x00", "\x7f"}, {"k", "a=b&c=d"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, k, v string) {
		if !utf8.ValidString(k) || !utf8.ValidString(v) {
			t.Skip()
		}
		q, err := Query(map[string]string{k: v})
		if err != nil {
			t.Fatal(err)
		}
		got, err := url.ParseQuery(q)
		if err != nil {
			t.Fatalf("ParseQuery(%q): %v", q, err)
		}
		if len(got) != 1 || len(got[k]) != 1 || got[k][0] != v {
			t.Fatalf("Query(%q: %q) = %q, parsed back as %q", k, v, q, got)
		}
		// The other fast path and the generic (reflect) path give the same text.
		for _, data := range []any{map[string]any{k: v}, namedMap{k: v}} {
			if q2, err := Query(data); err != nil || q2 != q {
				t.Fatalf("%T gives %q, %v; map[string]string gives %q", data, q2, err, q)
			}
		}
	})
}
