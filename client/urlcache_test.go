package client

import (
	"net/url"
	"strings"
	"sync"
	"testing"
)

// queryPrefix and the query as queryInURL cuts it give exactly what
// appendRawQuery and URL.String give, for every shape of URL and query.
func TestQueryPrefixMatchesString(t *testing.T) {
	urls := []string{"http://h/p", "http://h/p?", "http://h/p?a=1", "http://h/p?a=1&", "http://h/p?a=1?",
		"http://u:p@h:8/p%20q?x", "https://h", "http://h/p#f", "http://h/p?a#f", "http://h/p?#", "http://h/a%3Fb?c"}
	for _, raw := range urls {
		for _, q := range []string{"", "b=2", "b=2&c=%203", "x"} {
			checkQueryPrefix(t, raw, q)
		}
	}
}

func checkQueryPrefix(t *testing.T, raw, q string) {
	u, err := url.Parse(raw)
	if err != nil || !queryInPlace(q) || q == "" {
		return
	}
	prefix, ok := queryPrefix(nil, u, u.String())
	if !ok {
		return
	}
	full := string(prefix) + q
	want := *u
	appendRawQuery(&want, q)
	u.RawQuery, u.ForceQuery = full[strings.IndexByte(full, '?')+1:], false
	if full != want.String() || u.RawQuery != want.RawQuery || u.String() != want.String() {
		t.Errorf("%q + %q: text %q, RawQuery %q; want %q, %q", raw, q, full, u.RawQuery, want.String(), want.RawQuery)
	}
}

// FuzzQueryPrefix checks the same on any parsable URL.
func FuzzQueryPrefix(f *testing.F) {
	f.Add("http://h/p?a=1&", "b=2")
	f.Fuzz(func(t *testing.T, raw, q string) { checkQueryPrefix(t, raw, q) })
}

// A cached URL is a copy: changing it changes neither the cache nor the
// next request's URL.
func TestURLCacheHandsCopies(t *testing.T) {
	c := newURLCache()
	u, _ := url.Parse("http://h/p?a=1")
	c.put("x", u)
	u.RawQuery = "changed"
	var got url.URL
	text, ok := c.get("x", &got)
	if !ok || got.RawQuery != "a=1" || text != "http://h/p?a=1" {
		t.Fatalf("get = %v %q %v", &got, text, ok)
	}
	got.RawQuery = "mine"
	var again url.URL
	c.get("x", &again)
	if again.RawQuery != "a=1" {
		t.Fatalf("a caller's change reached the cache: %q", again.RawQuery)
	}
	if _, ok := c.get("y", new(url.URL)); ok {
		t.Fatal("a URL never put was found")
	}
}

// Every URL resolves to itself however many share the slots, under
// concurrent use.
func TestURLCacheConcurrent(t *testing.T) {
	c := New(WithBaseURL("http://base.test/api/"))
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 2000; i++ {
				raw := "item/" + string(rune('a'+i%26)) + "?n=" + string(rune('0'+i%10))
				if i%3 == 0 {
					raw = "http://other.test:8080/" + raw
				}
				u, text, err := c.resolveText(raw, new(url.URL))
				if err != nil {
					t.Error(err)
					return
				}
				want, _ := c.resolve(raw)
				if u.String() != want.String() || text != want.String() {
					t.Errorf("%q: got %q / %q, want %q", raw, u, text, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}
