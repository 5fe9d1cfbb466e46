package client_test

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/store"
)

// A call whose ctx deadline comes before half of its Timeout, with a
// StoreCheck (the store is read before the network): a store whose Get
// stalled took the whole of the deadline, and the call failed although the
// origin answers. The read now waits at most half of what is left of the
// deadline, then counts as failed (a miss).
func TestStalledStoreReadLeavesACallsDeadlineForTheOrigin(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"ok":true}`)
	})
	c := client.New(client.WithStore(stallingStore{m: store.NewMemory(), stallGet: true}))
	defer c.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
	defer cancel()
	start := time.Now()
	resp, err := c.Request(ctx, client.Option{URL: srv.URL, UseStore: true, RetryTimes: client.NoRetry, Timeout: 5 * time.Second,
		StoreCheck: func(*client.Response) bool { return true }})
	if err != nil {
		t.Fatalf("%v after %v; the origin answers (the store's Get stalls)", err, time.Since(start))
	}
	if resp.StatusCode != http.StatusOK || srv.count.Load() != 1 {
		t.Errorf("status %d, %d requests to the origin; want its 200", resp.StatusCode, srv.count.Load())
	}
}
