package client

import (
	"net/url"
	"sync"
	"testing"
)

// withQuery must give exactly the text URL.String gives after
// appendRawQuery, for every shape of URL and query.
func TestWithQueryMatchesString(t *testing.T) {
	urls := []string{"http://h/p", "http://h/p?", "http://h/p?a=1", "http://h/p?a=1&", "http://h/p?a=1?",
		"http://u:p@h:8/p%20q?x", "https://h", "http://h/p#f", "http://h/p?a#f", "http://h/p?#"}
	queries := []string{"", "b=2", "b=2&c=%203", "x"}
	for _, raw := range urls {
		for _, q := range queries {
			u, err := url.Parse(raw)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := withQuery(u, u.String(), q)
			appendRawQuery(u, q)
			if want := u.String(); ok && got != want {
				t.Errorf("withQuery(%q, %q) = %q, want %q", raw, q, got, want)
			}
		}
	}
}

// FuzzWithQuery checks the same on any parsable URL.
func FuzzWithQuery(f *testing.F) {
	f.Add("http://h/p?a=1&", "b=2")
	f.Fuzz(func(t *testing.T, raw, q string) {
		u, err := url.Parse(raw)
		if err != nil || !queryInPlace(q) {
			return
		}
		got, ok := withQuery(u, u.String(), q)
		appendRawQuery(u, q)
		if want := u.String(); ok && got != want {
			t.Errorf("withQuery(%q, %q) = %q, want %q", raw, q, got, want)
		}
	})
}

// A cached URL is a copy: changing it changes neither the cache nor the
// next request's URL.
func TestURLCacheHandsCopies(t *testing.T) {
	c := newURLCache()
	u, _ := url.Parse("http://h/p?a=1")
	c.put("x", u)
	u.RawQuery = "changed"
	got, text, ok := c.get("x")
	if !ok || got.RawQuery != "a=1" || text != "http://h/p?a=1" {
		t.Fatalf("get = %v %q %v", got, text, ok)
	}
	got.RawQuery = "mine"
	again, _, _ := c.get("x")
	if again.RawQuery != "a=1" {
		t.Fatalf("a caller's change reached the cache: %q", again.RawQuery)
	}
	if _, _, ok := c.get("y"); ok {
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
				u, text, err := c.resolveText(raw)
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
