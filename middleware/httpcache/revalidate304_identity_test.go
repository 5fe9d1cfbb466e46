package httpcache_test

import (
	"strings"
	"testing"
	"time"

	"net/http"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// Shared cache. A public entry (Alice's answer) is revalidated by Bob; the
// origin's 304 to Bob keeps public and carries fields that name Bob
// (X-User-Id, X-Remote-User, a name the cache was given). They were merged
// into the copy every user is served, and Carol, served it fresh without
// I/O, got Bob's identity. Now Bob's answer carries them and the stored
// copy keeps what it had (Alice's full answer's values, or none); a field
// of no identity (X-Version) is merged as RFC 9111 §4.3.4 has it.
func TestShared304IdentityFieldsStayWithTheirUser(t *testing.T) {
	clk := newClock()
	o := revalidatingOrigin(t, clk, "public, max-age=1", func(h http.Header, r *http.Request) {
		h.Set("Cache-Control", "public, max-age=600")
		h.Set("X-User-Id", "id-of-"+r.Header.Get("Authorization"))
		h.Set("X-Remote-User", "user-"+r.Header.Get("Authorization"))
		h.Set("X-Workspace", "ws-of-"+r.Header.Get("Authorization"))
		h.Set("X-Version", "2")
	}, func(h http.Header, r *http.Request) {
		if r.Header.Get("If-None-Match") == "" {
			h.Set("X-Remote-User", "nobody-in-particular")
		}
	})
	hc, _ := cached(o, httpcache.WithShared(), httpcache.WithClock(clk.Now), httpcache.WithCredentialHeaders("X-Workspace"))
	get(t, hc, o.URL+"/p", "Authorization", "alice")
	clk.Add(5 * time.Second)
	_, rb := get(t, hc, o.URL+"/p", "Authorization", "bob")
	if rb.Header.Get("X-User-Id") != "id-of-bob" || rb.Header.Get("X-Remote-User") != "user-bob" {
		t.Fatalf("bob was not answered with his 304's fields: %v", rb.Header)
	}
	n := o.hits.Load()
	_, rc := get(t, hc, o.URL+"/p", "Authorization", "carol")
	if o.hits.Load() != n {
		t.Fatalf("carol's request went to the origin: the refreshed shared copy did not answer")
	}
	for _, f := range []string{"X-User-Id", "X-Remote-User", "X-Workspace"} {
		if got := rc.Header.Get(f); strings.Contains(got, "bob") {
			t.Errorf("carol was served bob's 304 field %s: %q", f, got)
		}
	}
	if got := rc.Header.Get("X-Remote-User"); got != "nobody-in-particular" {
		t.Errorf("the stored X-Remote-User is %q, want the full answer's", got)
	}
	if got := rc.Header.Get("X-Version"); got != "2" {
		t.Errorf("X-Version %q: a 304's other fields are merged", got)
	}
}
