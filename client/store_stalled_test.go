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

// stallingStore is a store.Memory (through Get, not View) whose Get or Set,
// as told, waits for its context to end: a paused Redis behind a store that
// honours ctx.
type stallingStore struct {
	m                  *store.Memory
	stallGet, stallSet bool
}

func (s stallingStore) Get(ctx context.Context, k string) (store.Entry, bool, error) {
	if s.stallGet {
		<-ctx.Done()
		return store.Entry{}, false, ctx.Err()
	}
	return s.m.Get(ctx, k)
}

func (s stallingStore) Set(ctx context.Context, k string, e store.Entry) error {
	if s.stallSet {
		<-ctx.Done()
		return ctx.Err()
	}
	return s.m.Set(ctx, k, e)
}

func (s stallingStore) Delete(ctx context.Context, k string) error { return s.m.Delete(ctx, k) }

// The store layer read and wrote a client's store under the call's
// context, which has no deadline (its Timeout bounds each attempt, below
// the store): with UseStore, a store whose Get or Set stalled held the call
// for ever, Timeout or not (a Get as the fallback of an origin that
// refuses). Each operation now waits at most half of the
// Timeout, then counts as failed (a miss, an answer not kept).
func TestClientCallIsNotHeldByAStalledStore(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"ok":true}`)
	})
	down := newRecorder(t, nil)
	down.Close() // refuses: the store's data is the fallback
	for _, tc := range []struct {
		name string
		st   stallingStore
		url  string
	}{
		{"Get", stallingStore{m: store.NewMemory(), stallGet: true}, down.URL},
		{"Set", stallingStore{m: store.NewMemory(), stallSet: true}, srv.URL},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := client.New(client.WithStore(tc.st))
			defer c.CloseIdleConnections()
			took, err := requestWithin(t, c, client.Option{URL: tc.url, UseStore: true, RetryTimes: -1, Timeout: 300 * time.Millisecond},
				"a call with Timeout 300ms, by a store whose "+tc.name+" stalls")
			if err != nil && tc.url == srv.URL {
				t.Errorf("%v after %v; the origin answers", err, took)
			}
			if took > time.Second {
				t.Errorf("answered after %v; Timeout 300ms", took)
			}
		})
	}
}

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
