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

// stalledGetStorage is a store.Memory (through Get, not View) whose Get
// waits for its context to end: a paused Redis behind a store honouring ctx.
type stalledGetStorage struct {
	m     *store.Memory
	stall chan struct{} // closed: Get stalls
}

func (s *stalledGetStorage) Get(ctx context.Context, k string) (store.Entry, bool, error) {
	select {
	case <-s.stall:
		<-ctx.Done()
		return store.Entry{}, false, ctx.Err()
	default:
		return s.m.Get(ctx, k)
	}
}

func (s *stalledGetStorage) Set(ctx context.Context, k string, e store.Entry) error {
	return s.m.Set(ctx, k, e)
}

func (s *stalledGetStorage) Delete(ctx context.Context, k string) error { return s.m.Delete(ctx, k) }

// The HTTP cache looked a client's call up under the call's context, which
// has no deadline (its Timeout bounds each attempt, below the cache): a
// storage whose Get stalled held the call for ever, Timeout or not. The
// lookup now waits half of the Timeout; what it did not get is a miss.
func TestClientCallIsNotHeldByAStalledCacheLookup(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		io.WriteString(w, `{"ok":true}`)
	})
	st := &stalledGetStorage{m: store.NewMemory(), stall: make(chan struct{})}
	c := client.New(client.WithHTTPCache(httpcache.WithStorage(st)))
	defer c.CloseIdleConnections()
	opt := client.Option{URL: srv.URL, Timeout: 300 * time.Millisecond}

	// A storage that answers: the second call is a hit.
	for range 2 {
		if _, err := c.Request(context.Background(), opt); err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.count.Load(); n != 1 {
		t.Fatalf("origin asked %d times; want 1 (the second call a cache hit)", n)
	}

	close(st.stall)
	took, err := requestWithin(t, c, opt, "a call with Timeout 300ms, by a cache storage whose Get stalls")
	if err != nil {
		t.Errorf("%v after %v; the origin answers", err, took)
	}
	if took > time.Second {
		t.Errorf("answered after %v; Timeout 300ms", took)
	}
}

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
