package client_test

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// A call whose ctx deadline comes before half of its Timeout: a cache
// lookup that stalls took the whole of the deadline, and the call failed
// although the origin answers. A stalled lookup is a miss, waited for at
// most half of what is left of the deadline, as the cache's writes are.
func TestStalledCacheLookupLeavesACallsDeadlineForTheOrigin(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		io.WriteString(w, `{"ok":true}`)
	})
	st := &stalledGetStorage{m: store.NewMemory(), stall: make(chan struct{})}
	close(st.stall)
	c := client.New(client.WithHTTPCache(httpcache.WithStorage(st)))
	defer c.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
	defer cancel()
	start := time.Now()
	resp, err := c.Request(ctx, client.Option{URL: srv.URL, Timeout: 5 * time.Second, RetryTimes: client.NoRetry})
	if err != nil {
		t.Fatalf("%v after %v; the origin answers (the storage's lookup stalls)", err, time.Since(start))
	}
	if resp.StatusCode != http.StatusOK || srv.count.Load() != 1 {
		t.Errorf("status %d, %d requests to the origin; want its 200", resp.StatusCode, srv.count.Load())
	}
}
