package client_test

import (
	"context"
	"io"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
)

// When every URL failed, the last one answered by an HTTP-cache entry
// that DataCheck rejected, the store's stale data answers: FromStore, and
// not FromCache, which says the HTTP cache answered.
func TestStoreFallbackAfterARejectedCacheEntryIsNotFromCache(t *testing.T) {
	var down atomic.Bool
	primary := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"v":"ok"}`)
	})
	mirror := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"v":"bad"}`)
	})
	c := fastClient(client.WithHTTPCache(), client.WithStore(nil))
	ctx := context.Background()
	check := func(r *client.Response) bool { m, _ := r.Data.(map[string]any); return m["v"] == "ok" }
	opt := client.Option{URL: primary.URL + "/s", Mode: client.ModeCORS, UseStore: true, DataCheck: check,
		Backup: []string{mirror.URL + "/b"}, RetryTimes: client.NoRetry}
	if _, err := c.Request(ctx, opt); err != nil { // stored
		t.Fatal(err)
	}
	if _, err := c.Request(ctx, client.Option{URL: mirror.URL + "/b", Mode: client.ModeCORS}); err != nil { // cached
		t.Fatal(err)
	}
	down.Store(true)
	resp, err := c.Request(ctx, opt)
	if m, _ := resp.Data.(map[string]any); err != nil || m["v"] != "ok" || !resp.FromStore || resp.FromCache || mirror.Count() != 1 {
		t.Errorf("data %v, FromStore %v, FromCache %v, mirror hit %d times, err %v; want the stored data, FromStore alone",
			resp.Data, resp.FromStore, resp.FromCache, mirror.Count(), err)
	}
}
