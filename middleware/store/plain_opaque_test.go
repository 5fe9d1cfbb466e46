package store_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware/store"
)

// A request whose URL has an Opaque (net/http's way to send a path
// exactly as written: req.URL.Opaque = "/a%2Fb") formats without its host
// (http:/me), and goes to URL.Host all the same: the store layer filed
// the plain requests of every origin with one Opaque under one target,
// and answered bob's origin with alice's origin's stored answer. Each
// origin now has entries of its own, and each one's entry still answers
// it.
func TestPlainOpaqueURLsOfTwoOriginsHaveEntriesOfTheirOwn(t *testing.T) {
	var hits atomic.Int64
	origin := func(who string) *httptest.Server {
		return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			io.WriteString(w, who+"'s answer")
		}))
	}
	alice, bob := origin("alice"), origin("bob")
	defer alice.Close()
	defer bob.Close()
	rt := store.New(nil, store.NewMemory(), store.WithCheck(func(*http.Response, []byte) bool { return true })) // stored data answers first
	get := func(srv *httptest.Server) string {
		req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
		req.URL.Opaque = "/me"
		resp, err := rt.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	if got := get(alice); got != "alice's answer" {
		t.Fatalf("alice's origin: %q", got)
	}
	if got := get(bob); got != "bob's answer" {
		t.Fatalf("bob's origin was answered %q, stored for another origin", got)
	}
	for _, srv := range []*httptest.Server{alice, bob} {
		get(srv)
	}
	if hits.Load() != 2 {
		t.Errorf("%d requests reached the origins, want 2 (each origin's second answered from its entry)", hits.Load())
	}
}
