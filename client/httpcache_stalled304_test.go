package client_test

import (
	"context"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// stalledDeletes is a store.Memory (through Get, not View) whose Delete,
// once stalling, waits for its context or for release: a paused Redis.
type stalledDeletes struct {
	m       *store.Memory
	stall   atomic.Bool
	release chan struct{}
}

func (s *stalledDeletes) Get(ctx context.Context, k string) (store.Entry, bool, error) {
	return s.m.Get(ctx, k)
}

func (s *stalledDeletes) Set(ctx context.Context, k string, e store.Entry) error {
	return s.m.Set(ctx, k, e)
}

func (s *stalledDeletes) Delete(ctx context.Context, k string) error {
	if s.stall.Load() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-s.release:
		}
	}
	return s.m.Delete(ctx, k)
}

// A revalidation whose 304 said no-store deleted the URL's entries under
// the exchange's context, which a client's call does not bound (its
// Timeout bounds the attempt, below the cache): a storage whose Delete
// stalled held the call for ever, the origin's answer in. That delete is
// now an invalidation like a POST's (invalidateAll): the caller waits for
// it half of what is left of its answer's deadline at most.
func TestRevalidationsNoStoreIsNotHeldByAStalledDelete(t *testing.T) {
	var n atomic.Int32
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"a"`)
		if n.Add(1) > 1 && r.Header.Get("If-None-Match") == `"a"` {
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		io.WriteString(w, `{"ok":true}`)
	})
	st := &stalledDeletes{m: store.NewMemory(), release: make(chan struct{})}
	defer close(st.release)
	c := client.New(client.WithHTTPCache(httpcache.WithStorage(st)))
	defer c.CloseIdleConnections()
	opt := client.Option{URL: srv.URL, Timeout: 300 * time.Millisecond}
	if _, err := c.Request(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	st.stall.Store(true)
	took, err := requestWithin(t, c, opt, "a call with Timeout 300ms, by a stalled Delete after a 304 with no-store")
	if err != nil {
		t.Errorf("%v after %v; the origin answered", err, took)
	}
	if n.Load() != 2 {
		t.Errorf("the origin was asked %d times; want 2 (the second a revalidation)", n.Load())
	}
}
