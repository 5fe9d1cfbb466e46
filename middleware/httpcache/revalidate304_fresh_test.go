package httpcache_test

import (
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// A fresh public shared copy; a user's no-cache request revalidates it and
// the origin's 304 now says no-cache (no public): the shared copy goes, so
// other users are not served it without the revalidation the origin now
// asks for.
func TestShared304NoCacheDropsAFreshSharedCopy(t *testing.T) {
	for _, bob := range [][]string{{"Cache-Control", "no-cache"}, {"Cookie", "sid=bob", "Cache-Control", "no-cache"}} {
		clk := newClock()
		o := revalidatingOrigin(t, clk, "public, max-age=600", func(h http.Header, r *http.Request) {
			h.Set("Cache-Control", "no-cache")
		})
		hc, _ := cached(o, httpcache.WithShared(), httpcache.WithClock(clk.Now))
		get(t, hc, o.URL+"/p")
		get(t, hc, o.URL+"/p", bob...) // 304: no-cache
		n := o.hits.Load()
		_, r := get(t, hc, o.URL+"/p", "Cookie", "sid=carol")
		if o.hits.Load() == n {
			t.Errorf("bob=%v: after the origin's 304 said no-cache, carol was served the shared copy without revalidation (Cache-Control %q, Age %q)", bob, r.Header.Get("Cache-Control"), r.Header.Get("Age"))
		}
	}
}
