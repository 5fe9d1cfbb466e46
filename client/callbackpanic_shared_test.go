package client_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/taroreq/taroreq/client"
)

// A DataCheck, StoreCheck or interceptor that panics in one caller's call
// reaches that caller only: another caller waiting on the same coalesced
// HTTP-cache exchange gets its answer, and the client (its store, cache,
// breaker) serves every later call as before, with nothing left running.
func TestCallbackPanicStaysWithItsCaller(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	release := make(chan struct{})
	var hits atomic.Int32
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			<-release // the first exchange waits until both callers are on it
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "max-age=60")
		fmt.Fprintf(w, `{"v":"1","path":%q}`, r.URL.Path)
	})
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL), client.WithHTTPCache())
	defer c.CloseIdleConnections()
	c.AddInterceptor(func(ctx context.Context, o client.Option, p client.Proceed) (*client.Response, error) {
		if o.Header.Get("X-Panic") != "" {
			panic("interceptor failed")
		}
		return p(ctx, o)
	})
	calls := func(panicky client.Option) {
		t.Helper()
		var wg sync.WaitGroup
		var recovered any
		wg.Add(2)
		go func() {
			defer wg.Done()
			defer func() { recovered = recover() }()
			c.Request(context.Background(), panicky)
		}()
		time.Sleep(50 * time.Millisecond) // the panicky call is on the exchange
		var other *client.Response
		var otherErr error
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			other, otherErr = c.Request(ctx, client.Option{URL: panicky.URL, UseStore: panicky.UseStore})
		}()
		time.Sleep(50 * time.Millisecond)
		select {
		case release <- struct{}{}:
		case <-time.After(200 * time.Millisecond): // answered without one (a cache hit)
		}
		within(t, 5*time.Second, wg.Wait)
		if recovered == nil {
			t.Errorf("%s: the panic did not reach its caller", panicky.URL)
		}
		if otherErr != nil || other.Data.(map[string]any)["v"] != "1" {
			t.Errorf("%s: the other caller got %v, %v", panicky.URL, other.Data, otherErr)
		}
	}
	boom := func(*client.Response) bool { panic("check failed") }
	calls(client.Option{URL: "/dc", DataCheck: boom})
	if n := hits.Load(); n != 1 {
		t.Errorf("/dc: %d exchanges, want the two callers on one", n)
	}
	c.Request(context.Background(), client.Option{URL: "/sc", UseStore: true}) // stored
	hits.Store(0)
	calls(client.Option{URL: "/sc", UseStore: true, StoreCheck: boom})
	hits.Store(0)
	calls(client.Option{URL: "/icpt", Header: http.Header{"X-Panic": {"1"}}})
	for _, u := range []string{"/dc", "/sc", "/after"} {
		if r, err := c.Request(context.Background(), client.Option{URL: u, UseStore: true, DataCheck: func(*client.Response) bool { return true }}); err != nil || r.Data.(map[string]any)["path"] != u {
			t.Errorf("%s after the panics: %v %v", u, r.Data, err)
		}
	}
}
