package store_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware/store"
)

// Behind a reverse proxy that keeps the incoming Host (virtual hosts on one
// backend), the store layer filed a plain request by its URL and its Host
// in one spelling: "ALICE.example" and "alice.example." as alice.example.
// A backend that routes by Host may not take them as one (Go's ServeMux
// sends both to its catch-all): anyone could have the default site's page
// stored as alice.example's by asking for it as ALICE.example, and alice's
// visitors were answered it. Each spelling now has entries of its own, as
// in the HTTP cache layer.
func TestPlainHostSpellingsHaveEntriesOfTheirOwn(t *testing.T) {
	var aliceHits atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("alice.example/", func(w http.ResponseWriter, r *http.Request) {
		aliceHits.Add(1)
		io.WriteString(w, "alice's site")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "the default site") })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	rt := store.New(srv.Client().Transport, store.NewMemory(),
		store.WithCheck(func(*http.Response, []byte) bool { return true })) // stored data answers first
	get := func(host string) string {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/page", nil)
		req.Host = host
		resp, err := rt.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	for _, spelling := range []string{"ALICE.example", "alice.example."} {
		if got := get(spelling); got != "the default site" {
			t.Fatalf("%s: %q, want the backend's catch-all", spelling, got)
		}
	}
	if got := get("alice.example"); got != "alice's site" {
		t.Errorf("alice.example was answered %q, stored for another spelling", got)
	}
	if got := get("alice.example"); got != "alice's site" || aliceHits.Load() != 1 {
		t.Errorf("alice.example again: %q, and %d requests reached alice's site, want 1 (the second answered from the store)", got, aliceHits.Load())
	}
	if got := get("ALICE.example"); got != "the default site" {
		t.Errorf("ALICE.example again: %q", got)
	}
}
