package httpcache_test

import (
	"io"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// A shared cache stores a public no-cache answer to alice's request with
// Authorization on the condition that every reuse is validated with the
// origin, under the next user's credentials. While the origin fails, a
// request's own stale-if-error (any client of a reverse proxy can send
// one) does not lift that: the anonymous request gets the origin's
// failure, not alice's document. The response's stale-if-error, the
// origin's word, still does.
func TestSharedRequestStaleIfErrorKeepsNoCache(t *testing.T) {
	for _, c := range []struct {
		cacheControl string
		served       bool
	}{
		{"public, no-cache", false},
		{"public, max-age=600, no-cache", false},
		{"public, max-age=0, no-cache", false},
		{"public, max-age=0, no-cache, stale-if-error=600", true},
	} {
		t.Run(c.cacheControl, func(t *testing.T) {
			var down atomic.Bool
			o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
				if down.Load() {
					w.WriteHeader(http.StatusServiceUnavailable)
					return
				}
				if r.Header.Get("Authorization") != "Bearer alice" {
					w.WriteHeader(http.StatusUnauthorized)
					return
				}
				w.Header().Set("Cache-Control", c.cacheControl)
				w.Header().Set("ETag", `"1"`)
				_, _ = io.WriteString(w, "alice's document")
			})
			hc, _ := cached(o, httpcache.WithShared())
			get(t, hc, o.URL+"/doc", "Authorization", "Bearer alice")
			down.Store(true)
			body, resp := get(t, hc, o.URL+"/doc", "Cache-Control", "stale-if-error=600")
			if served := body == "alice's document"; served != c.served {
				t.Errorf("anonymous request with stale-if-error while the origin fails: %d %q (served from the entry %v, want %v)",
					resp.StatusCode, body, served, c.served)
			}
		})
	}
}
