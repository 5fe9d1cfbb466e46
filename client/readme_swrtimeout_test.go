package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// TestBackgroundRevalidationIsBoundedByTheAttemptsTimeout: the README (The
// HTTP cache) says a stale entry served under stale-while-revalidate starts
// its revalidation in the background, which "outlives the call, bounded by
// the attempt's Timeout and by one minute". The call is answered from the
// stale entry at once; the revalidation request the origin then gets, and
// leaves hanging, is ended near the call's 300 ms Timeout, not after the
// minute (middleware/httpcache's TestBackgroundRevalidationIsBounded has the
// minute).
func TestBackgroundRevalidationIsBoundedByTheAttemptsTimeout(t *testing.T) {
	const attempt = 300 * time.Millisecond
	var mu sync.Mutex
	now := time.Now()
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }

	var hits atomic.Int32
	bgEnded := make(chan time.Duration, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			w.Header().Set("Cache-Control", "max-age=10, stale-while-revalidate=60")
			w.Write([]byte(`{"v":1}`))
			return
		}
		start := time.Now()
		select { // the revalidation: hang until the client gives up
		case <-r.Context().Done():
			bgEnded <- time.Since(start)
		case <-time.After(5 * time.Second):
			bgEnded <- -1
		}
	}))
	defer srv.Close()

	c := client.New(client.WithHTTPCache(httpcache.WithClock(clock)))
	opt := client.Option{URL: srv.URL + "/swr", Timeout: attempt, RetryTimes: client.NoRetry}
	if _, err := c.Request(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	now = now.Add(20 * time.Second) // stale, within stale-while-revalidate
	mu.Unlock()
	start := time.Now()
	resp, err := c.Request(context.Background(), opt)
	if err != nil || !resp.FromCache {
		t.Fatalf("stale call: FromCache %v, err %v; want the stale entry", resp.FromCache, err)
	}
	if d := time.Since(start); d > attempt {
		t.Errorf("the stale answer took %v: it waited for the revalidation", d)
	}
	select {
	case d := <-bgEnded:
		if d < 0 {
			t.Fatalf("the background revalidation was still open after 5 s, want it ended by the %v Timeout", attempt)
		}
		if d > attempt+time.Second {
			t.Errorf("the background revalidation ended after %v, want about the %v Timeout", d, attempt)
		}
	case <-time.After(6 * time.Second):
		t.Fatal("no background revalidation reached the origin")
	}
	if n := hits.Load(); n != 2 {
		t.Errorf("%d requests reached the origin, want 2 (the fill, the revalidation)", n)
	}
}
