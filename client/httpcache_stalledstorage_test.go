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

// stalledStorage is a store.Memory whose Set waits for its context to end
// (a paused Redis behind a store honouring ctx) and whose Delete waits for
// release whatever its context says (a store that ignores it).
type stalledStorage struct {
	*store.Memory
	release chan struct{}
}

func (s *stalledStorage) Set(ctx context.Context, _ string, _ store.Entry) error {
	<-ctx.Done()
	return ctx.Err()
}

func (s *stalledStorage) Delete(context.Context, string) error {
	<-s.release
	return nil
}

// The HTTP cache bounded its waits for a storage that stalls by the
// caller's deadline, which a client's call has none of (its Timeout bounds
// each attempt, below the cache): a POST whose invalidation stalled, or a
// GET whose answer's write did, was held for ever, Timeout or not. They are
// now bounded by the deadline of the attempt the answer came to, and leave
// the caller half of what is left of it.
func TestClientCallsAreNotHeldByAStalledCacheStorage(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		io.WriteString(w, `{"ok":true}`)
	})
	st := &stalledStorage{Memory: store.NewMemory(), release: make(chan struct{})}
	defer close(st.release)
	c := client.New(client.WithHTTPCache(httpcache.WithStorage(st)))
	defer c.CloseIdleConnections()
	for _, method := range []string{"POST", "GET"} {
		took, err := requestWithin(t, c, client.Option{URL: srv.URL, Method: method, Timeout: 400 * time.Millisecond},
			method+" with Timeout 400ms, by a stalled cache storage")
		if err != nil {
			t.Errorf("%s: %v after %v; the origin had answered", method, err, took)
		}
	}
}
