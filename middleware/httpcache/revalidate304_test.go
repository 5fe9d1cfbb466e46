package httpcache_test

import (
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// How a 304 updates a stored entry: never beyond what its merged fields
// allow.

// Shared cache. Alice (Authorization) stores a public entry; Bob
// revalidates it and the origin's 304 to Bob drops "public" (plain max-age)
// and carries a field of Bob's. RFC 9111 §3.5: a response to a request with
// Authorization may only answer other requests if its Cache-Control allows
// a shared cache to; after the update the stored Cache-Control is the
// 304's. Carol must not be served Bob's field.
func TestShared304WithoutPublicStaysWithItsUser(t *testing.T) {
	clk := newClock()
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.Header().Set("Cache-Control", "max-age=600")
			w.Header().Set("X-Account", "account-of-"+r.Header.Get("Authorization"))
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=1")
		io.WriteString(w, "page")
	})
	o.clock = clk
	hc, _ := cached(o, httpcache.WithShared(), httpcache.WithClock(clk.Now))
	get(t, hc, o.URL+"/p", "Authorization", "alice")
	clk.Add(5 * time.Second)
	_, r := get(t, hc, o.URL+"/p", "Authorization", "bob")
	if r.Header.Get("X-Account") != "account-of-bob" {
		t.Fatalf("bob: %q", r.Header.Get("X-Account"))
	}
	_, r = get(t, hc, o.URL+"/p", "Authorization", "carol")
	if got := r.Header.Get("X-Account"); got == "account-of-bob" {
		t.Errorf("carol (another Authorization) was served, from the shared copy, bob's 304 field %q; stored Cache-Control now %q (no public)", got, r.Header.Get("Cache-Control"))
	}
}

// A 304 that says no-store (RFC 9111 §5.2.2.5: MUST NOT store any part of
// the response) answers its request but leaves nothing stored: the next
// request goes to the origin.
func Test304NoStoreIsNotStored(t *testing.T) {
	clk := newClock()
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.Header().Set("Cache-Control", "no-store, max-age=600")
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Cache-Control", "max-age=1")
		io.WriteString(w, "page")
	})
	o.clock = clk
	hc, _ := cached(o, httpcache.WithClock(clk.Now))
	get(t, hc, o.URL+"/p")
	clk.Add(5 * time.Second)
	get(t, hc, o.URL+"/p")
	_, r := get(t, hc, o.URL+"/p")
	if o.hits.Load() == 2 {
		t.Errorf("after a 304 with no-store the entry still answers without the origin (Cache-Control %q, Age %q)", r.Header.Get("Cache-Control"), r.Header.Get("Age"))
	}
}
