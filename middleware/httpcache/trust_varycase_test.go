package httpcache_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// Vary names a header field case-insensitively: a plain http.Client may
// send it under any spelling, and each user's value keeps its own entry.
func TestVaryMatchesAnySpelling(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Vary", "X-User")
		_, _ = io.WriteString(w, "data-of-"+r.Header.Get("X-User"))
	}))
	defer srv.Close()
	hc := &http.Client{Transport: httpcache.New(http.DefaultTransport)}
	defer hc.CloseIdleConnections()
	for _, who := range []string{"alice", "bob", "alice"} {
		req, _ := http.NewRequest("GET", srv.URL+"/d", nil)
		req.Header["x-user"] = []string{who} // not canonical
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(b) != "data-of-"+who {
			t.Fatalf("%s got %q", who, b)
		}
	}
	if n := hits.Load(); n != 2 {
		t.Errorf("the origin answered %d times, want 2 (alice's second request from the cache)", n)
	}
}

// A shared cache stores a response to a request with Authorization only
// when the response says it may (RFC 9111 §3.5), whatever the spelling of
// the field name the request was sent with.
func TestSharedAuthorizationAnySpelling(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Cache-Control", "max-age=60")
		_, _ = io.WriteString(w, "data")
	}))
	defer srv.Close()
	hc := &http.Client{Transport: httpcache.New(http.DefaultTransport, httpcache.WithShared())}
	defer hc.CloseIdleConnections()
	for range 2 {
		req, _ := http.NewRequest("GET", srv.URL+"/d", nil)
		req.Header["authorization"] = []string{"Bearer alice"} // not canonical
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	if n := hits.Load(); n != 2 {
		t.Errorf("the origin answered %d times, want 2: the shared cache must not store it", n)
	}
}
