package client_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// TestALayerBelowThatAddsATrailerKeepsUsersApart: a plain GET with a
// streamed body through the store or the HTTP cache alone, with a layer
// below them that puts the user's token in a trailer (sent after the
// chunked body), in place. Sending compared URL, Host, method and whether
// there was a body, not trailers: alice's answer was written under the
// key without credentials and served to bob. A trailer the request did
// not have when keyed now makes it another request, not written.
func TestALayerBelowThatAddsATrailerKeepsUsersApart(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Cache-Control", "max-age=60")
		io.WriteString(w, r.Trailer.Get("X-Auth-Token"))
	}))
	defer srv.Close()
	layer := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			if u, ok := innerUser(req); ok {
				req.Trailer = http.Header{"X-Auth-Token": {u}}
			}
			return next.RoundTrip(req)
		})
	}
	for name, rt := range map[string]http.RoundTripper{
		"store": store.New(layer(srv.Client().Transport), store.NewMemory(), storeAlways),
		"cache": httpcache.New(layer(srv.Client().Transport)),
	} {
		hc := &http.Client{Transport: rt}
		for _, u := range []string{"alice", "bob"} {
			req, _ := http.NewRequestWithContext(asUser(u), "GET", srv.URL+"/me", io.NopCloser(strings.NewReader("q")))
			req.ContentLength = -1
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if string(b) != u {
				t.Errorf("%s: %s got %q", name, u, b)
			}
		}
	}
}
