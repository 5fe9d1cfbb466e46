package httpcache_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// README (HTTP cache): spellings of one host have entries of their own,
// "and an unsafe request through any spelling invalidates them all". Three
// spellings' pages are cached; a POST through a fourth spelling of the same
// host sends every one of them back to the origin, and another host's
// entry stays.
func TestUnsafeRequestThroughAnySpellingInvalidatesEverySpelling(t *testing.T) {
	var gets atomic.Int32
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			gets.Add(1)
		}
		w.Header().Set("Cache-Control", "public, max-age=600")
		_, _ = io.WriteString(w, "page of "+r.Host)
	}))
	defer backend.Close()
	target, _ := url.Parse(backend.URL)
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.Transport = httpcache.New(backend.Client().Transport, httpcache.WithShared())
	front := httptest.NewServer(proxy)
	defer front.Close()
	send := func(method, host string) string {
		t.Helper()
		req, _ := http.NewRequest(method, front.URL+"/page", nil)
		req.Host = host
		resp, err := front.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	spellings := []string{"alice.example", "ALICE.example", "alice.example."}
	for _, h := range append(spellings, "bob.example") {
		send("GET", h)
		send("GET", h) // from the cache
	}
	if n := gets.Load(); n != 4 {
		t.Fatalf("%d GETs reached the origin; want 4, one per host spelling", n)
	}
	send("POST", "Alice.Example.")
	for _, h := range spellings {
		if got := send("GET", h); got != "page of "+h {
			t.Errorf("%s answered %q", h, got)
		}
	}
	send("GET", "bob.example")
	if n := gets.Load(); n != 7 {
		t.Errorf("%d GETs reached the origin; want 7: the POST through Alice.Example. invalidated the three spellings of alice.example, not bob.example's", n)
	}
}
