package httpcache_test

import (
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// A field-name argument of no-cache or private in its token form
// (no-cache=Set-Cookie) ends at the next comma, as RFC 9111's grammar
// (#cache-directive, a token holds no comma) and browsers read it: the
// directive after it counts. A parser that ran the argument on to the next
// blank read "no-cache=Set-Cookie,private" as no-cache alone and
// "private=Set-Cookie,no-store" as private alone.
func TestCacheControlArgumentEndsAtComma(t *testing.T) {
	for _, tc := range []struct {
		name   string
		cc     string
		shared bool
	}{
		// Alice's answer says private (and must-revalidate, which with
		// Authorization alone would make it everyone's, §3.5): a shared
		// cache must not store it, nor revalidate it for bob.
		{"private after no-cache's argument", "max-age=60, must-revalidate, no-cache=Set-Cookie,private", true},
		{"private after no-cache's argument, any case", "MAX-AGE=60, Must-Revalidate, No-Cache=X-A,Private", true},
		// no-store after private's argument: never stored, by any cache.
		{"no-store after private's argument", "max-age=60, private=Set-Cookie,no-store", false},
		{"no-store after private's argument, shared", "s-maxage=60, public, private=X-A,no-store", true},
		{"no-store after no-cache's argument", "max-age=60, no-cache=Set-Cookie,no-store", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var conditional int
			o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Cache-Control", tc.cc)
				w.Header().Set("ETag", `"v1"`) // the resource's version, every user's
				if r.Header.Get("If-None-Match") == `"v1"` {
					conditional++
					w.WriteHeader(http.StatusNotModified)
					return
				}
				w.Write([]byte("for " + r.Header.Get("Authorization")))
			})
			var opts []httpcache.Option
			if tc.shared {
				opts = append(opts, httpcache.WithShared())
			}
			hc, _ := cached(o, opts...)
			if body, _ := get(t, hc, o.URL+"/me", "Authorization", "Bearer alice"); body != "for Bearer alice" {
				t.Fatalf("alice got %q", body)
			}
			for _, who := range []string{"bob", "alice"} {
				body, _ := get(t, hc, o.URL+"/me", "Authorization", "Bearer "+who)
				if body != "for Bearer "+who {
					t.Fatalf("%s got %q", who, body)
				}
			}
			if conditional != 0 || o.hits.Load() != 3 {
				t.Errorf("Cache-Control %q: %d requests reached the origin, %d of them conditional: want 3, none (nothing stored)",
					tc.cc, o.hits.Load(), conditional)
			}
		})
	}
}
