package httpcache_test

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

type shardKey struct{}

// A layer below the cache that sets each tenant's X-Shard from its context
// (no credential) sent alice's and bob's requests as one, and the answer
// varies on that field: neither the cache nor a store above it, told by
// the cache (it sees the request the cache was handed, not the one sent),
// nor a store alone keeps it for the next request.
func TestVariedBelowNeitherCachedNorStoredAbove(t *testing.T) {
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Vary", "X-Shard")
		w.Write([]byte("shard " + r.Header.Get("X-Shard")))
	})
	shard := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		if s, _ := r.Context().Value(shardKey{}).(string); s != "" {
			r = r.Clone(r.Context())
			r.Header.Set("X-Shard", s)
		}
		return o.Client().Transport.RoundTrip(r)
	})
	always := store.WithCheck(func(*http.Response, []byte) bool { return true }) // stored data answers first
	for _, name := range []string{"cache", "store above the cache", "store alone"} {
		var rt http.RoundTripper = httpcache.New(shard)
		switch name {
		case "store above the cache":
			rt = store.New(rt, store.NewMemory(), always)
		case "store alone": // told by its answer's Request
			rt = store.New(shard, store.NewMemory(), always)
		}
		hc := &http.Client{Transport: rt}
		for _, s := range []string{"a", "b"} {
			req, _ := http.NewRequestWithContext(context.WithValue(context.Background(), shardKey{}, s), http.MethodGet, o.URL+"/x", nil)
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if string(b) != "shard "+s {
				t.Errorf("%s: shard %s got %q", name, s, b)
			}
		}
	}
}
