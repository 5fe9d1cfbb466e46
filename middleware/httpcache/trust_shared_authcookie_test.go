package httpcache_test

import (
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// In a shared cache, must-revalidate makes a response to a request with
// Authorization every user's (RFC 9111 §3.5), but it says nothing of the
// request's other credentials: a response to a request that also carried a
// user's cookie or API key (a site behind one Basic credential, or a
// gateway's one bearer token, in front of per-user sessions) stays with
// that user, as it does when the cookie or the key comes alone. It was
// stored for every user: bob, with his own session, was answered alice's.
func TestSharedMustRevalidateWithAuthorizationAndCookieStaysWithItsUser(t *testing.T) {
	for _, other := range []string{"Cookie", "X-Api-Key"} {
		t.Run(other, func(t *testing.T) {
			o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Cache-Control", r.URL.Query().Get("cc"))
				w.Write([]byte("for " + r.Header.Get("Authorization") + " " + r.Header.Get(other)))
			})
			hc, _ := cached(o, httpcache.WithShared())
			u := o.URL + "?cc=max-age=60,must-revalidate"
			site := "Basic c2l0ZTpwdw==" // one credential for the whole site
			for i, who := range []string{"alice", "bob", "alice", "bob"} {
				got, _ := get(t, hc, u, "Authorization", site, other, who)
				if want := "for " + site + " " + who; got != want {
					t.Fatalf("%s, with their own %s, was answered %q, want %q", who, other, got, want)
				}
				if want := int64(min(i+1, 2)); o.hits.Load() != want {
					// each user's answer is stored, for that user
					t.Fatalf("after %d requests the origin saw %d, want %d", i+1, o.hits.Load(), want)
				}
			}
			// Authorization alone still makes it every user's (§3.5).
			u = o.URL + "?cc=max-age=61,must-revalidate"
			get(t, hc, u, "Authorization", "Bearer alice")
			if got, _ := get(t, hc, u, "Authorization", "Bearer bob"); got != "for Bearer alice " {
				t.Fatalf("Authorization alone: bob got %q, want the entry every user is served", got)
			}
			wantHits(t, o, 3)
		})
	}
}
