package client

import (
	"net/url"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/encoders"
)

// Appending the query data in place gives the URL, and the text, that
// formatting the URL and parsing it again gives, whenever queryInPlace
// allows it; otherwise build takes that round trip.
func TestQueryInPlaceMatchesTheRoundTrip(t *testing.T) {
	urls := []string{
		"http://h/", "http://h", "http://h/p?", "http://h/p?a=1", "http://h/p?a=1&", "http://h/p?a=1?",
		"http://h/p?a=1#frag", "http://h/p#frag", "http://h/p?#f", "https://u:p%40ss@h:8080/a%2Fb/c?x=%20y#f%23g",
		"http://h/a%20b/", "http://[::1]:80/p?q", "http://h/p;x=1?y", "http://h/%7Euser", "http://h/caf%C3%A9?q=%E2%82%AC",
		"http://h/p?a=b+c", "http://h/p?%zz", "http://h/p?a=1#",
	}
	queries := []string{"", "b=2", "b=2&c=3", "b=%20x", "b=2&", "b=x?y", "b=é", "a b", "?b=2", "&b=2", "b=#x", "b=\x01", "b=\x7f", "=", "b=2#"}
	for _, raw := range urls {
		for _, q := range queries {
			u0, err := url.Parse(raw)
			if err != nil {
				t.Fatalf("%q: %v", raw, err)
			}
			want, wantErr := url.Parse(encoders.AppendQuery(u0.String(), q))
			if !queryInPlace(q) {
				continue
			}
			if q == "" {
				want, wantErr = u0, nil // build does not touch the URL without query data
			}
			if wantErr != nil {
				t.Errorf("%q + %q: the round trip fails (%v) but queryInPlace allows it", raw, q, wantErr)
				continue
			}
			got, _ := url.Parse(raw)
			appendRawQuery(got, q)
			if !sameURL(got, want) {
				t.Errorf("%q + %q: in place %#v, round trip %#v", raw, q, got, want)
			}
			if got.String() != encoders.AppendQuery(u0.String(), q) && q != "" {
				t.Errorf("%q + %q: text %q, store key text %q", raw, q, got.String(), encoders.AppendQuery(u0.String(), q))
			}
		}
	}
}

func TestSameURL(t *testing.T) {
	a, _ := url.Parse("https://u:p@h/p?q#f")
	for _, tc := range []struct {
		b    string
		want bool
	}{
		{"https://u:p@h/p?q#f", true}, {"https://u:x@h/p?q#f", false}, {"https://u@h/p?q#f", false},
		{"https://h/p?q#f", false}, {"https://u:p@h/p?q", false}, {"https://u:p@h/p?r#f", false}, {"http://u:p@h/p?q#f", false},
	} {
		b, _ := url.Parse(tc.b)
		if got := sameURL(a, b); got != tc.want {
			t.Errorf("sameURL(%s, %s) = %v", a, tc.b, got)
		}
	}
}

// appendRawQuery appends query to u's query as encoders.AppendQuery does to
// the URL's text: after a trailing '?' or '&' as it is, else after '&', or
// as the whole query. It is the reference that queryPrefix is held to (in
// urlcache_test.go), itself held to the text round trip above.
func appendRawQuery(u *url.URL, query string) {
	switch {
	case query == "":
	case u.RawQuery == "":
		u.RawQuery, u.ForceQuery = query, false
	case strings.HasSuffix(u.RawQuery, "&"): // a '?' ending a query is a value's: '&' follows it
		u.RawQuery += query
	default:
		u.RawQuery += "&" + query
	}
}

// The table queryInPlace reads says, for every byte, what '#' and
// escapedInQuery say.
func TestNotInPlaceIsEscapedInQuery(t *testing.T) {
	for c := 0; c < 256; c++ {
		if want := c == '#' || escapedInQuery(byte(c)); notInPlace[c] != want {
			t.Errorf("notInPlace[%#x] = %v, want %v", c, notInPlace[c], want)
		}
		if got, want := queryInPlace("a=b"+string([]byte{byte(c)})), !(c == '#' || escapedInQuery(byte(c))); got != want {
			t.Errorf("queryInPlace with %#x = %v, want %v", c, got, want)
		}
	}
}
