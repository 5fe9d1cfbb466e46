package encoders

import (
	"encoding/json"
	"net/url"
	"testing"
	"unicode/utf8"
)

// FuzzValuesRoundTrip checks that what Query writes for url.Values (a key
// repeated), a nested map (sent as its JSON text) and a struct, joined onto
// a URL with AppendQuery, is read back exactly by url.Parse and ParseQuery,
// the URL's own query and fragment kept.
func FuzzValuesRoundTrip(f *testing.F) {
	for _, s := range [][4]string{{"a", "1", "b", "2"}, {"&", "=", "#", "?"}, {"a", "a", "a", "a"}, {"%", "+", " ", "中"},
		{"x", "", "", "\x00"}, {`"`, `\`, "}", "{"}} {
		f.Add(s[0], s[1], s[2], s[3])
	}
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2 string) {
		for _, s := range []string{k1, v1, k2, v2} {
			if !utf8.ValidString(s) {
				t.Skip()
			}
		}
		if k1 == "x" || k2 == "x" || k1 == "" && v1 == "" || k2 == "" && v2 == "" {
			return // the URL's own key; an empty pair goes as "=" or not at all
		}
		want := url.Values{}
		want.Add(k1, v1)
		want.Add(k1, v2)
		want.Add(k2, v1)
		q, err := Query(want)
		if err != nil {
			t.Fatal(err)
		}
		u, err := url.Parse(AppendQuery("http://h.test/p?x=1#frag", q))
		if err != nil {
			t.Fatalf("AppendQuery gives a URL that does not parse: %v", err)
		}
		got, err := url.ParseQuery(u.RawQuery)
		if err != nil || u.Fragment != "frag" || got.Get("x") != "1" {
			t.Fatalf("query %q fragment %q: %v", u.RawQuery, u.Fragment, err)
		}
		got.Del("x")
		if len(got) != len(want) {
			t.Fatalf("Query(%q) = %q, read back as %q", want, q, got)
		}
		for k, vs := range want {
			if len(got[k]) != len(vs) {
				t.Fatalf("Query(%q) = %q, read back as %q", want, q, got)
			}
			for i := range vs {
				if got[k][i] != vs[i] {
					t.Fatalf("Query(%q) = %q, read back as %q", want, q, got)
				}
			}
		}
		// A nested map goes as its JSON text, which decodes back to it.
		q, err = Query(map[string]any{k1: map[string]string{k2: v2}})
		if err != nil {
			t.Fatal(err)
		}
		pq, err := url.ParseQuery(q)
		if err != nil || len(pq[k1]) != 1 {
			t.Fatalf("Query nested = %q: %v", q, err)
		}
		var m map[string]string
		if err := json.Unmarshal([]byte(pq[k1][0]), &m); err != nil || len(m) != 1 || m[k2] != v2 {
			t.Fatalf("nested %q read back as %q (%v)", pq[k1][0], m, err)
		}
	})
}
