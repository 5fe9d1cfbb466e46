package httpcache_test

import (
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// The responses a shared cache stores from a request with Authorization
// (RFC 9111 §3.5), and those it must validate before reuse, answer another
// user only after the origin has seen that user's credentials: a request
// saying only-if-cached, which any client of a reverse proxy can send, or
// the force-cache mode, never reads them without validation.
func TestSharedOnlyIfCachedNeverSkipsValidation(t *testing.T) {
	for _, cc := range []string{
		"max-age=0, must-revalidate",
		"must-revalidate",
		"public, no-cache",
		"public, max-age=600, no-cache",
		"s-maxage=0",
		"public, max-age=0, proxy-revalidate",
	} {
		t.Run(cc, func(t *testing.T) {
			o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("Authorization") != "Bearer alice" {
					w.WriteHeader(http.StatusUnauthorized)
					return
				}
				w.Header().Set("Cache-Control", cc)
				w.Header().Set("ETag", `"1"`)
				_, _ = io.WriteString(w, "alice's document")
			})
			hc, _ := cached(o, httpcache.WithShared())
			get(t, hc, o.URL+"/doc", "Authorization", "Bearer alice")

			req, _ := http.NewRequest(http.MethodGet, o.URL+"/doc", nil)
			req.Header.Set("Cache-Control", "only-if-cached")
			resp, err := hc.Do(req)
			if err == nil {
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				t.Fatalf("anonymous only-if-cached request got %d %q", resp.StatusCode, b)
			}
			if !errors.Is(err, httpcache.ErrNotCached) {
				t.Fatalf("err %v, want ErrNotCached", err)
			}

			force, _ := cached(o, httpcache.WithShared(), httpcache.WithMode(httpcache.ModeForceCache))
			get(t, force, o.URL+"/doc", "Authorization", "Bearer alice")
			if body, resp := get(t, force, o.URL+"/doc"); resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("anonymous force-cache request got %d %q, want the origin's 401", resp.StatusCode, body)
			}
		})
	}
}

// What may be reused without validation still answers only-if-cached.
func TestSharedOnlyIfCachedServesFreshPublic(t *testing.T) {
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=600")
		_, _ = io.WriteString(w, "page")
	})
	hc, _ := cached(o, httpcache.WithShared())
	get(t, hc, o.URL+"/p", "Authorization", "Bearer alice")
	if body, _ := get(t, hc, o.URL+"/p", "Cache-Control", "only-if-cached"); body != "page" {
		t.Errorf("got %q", body)
	}
	wantHits(t, o, 1)
}
