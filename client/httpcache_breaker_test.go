package client_test

import (
	"context"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// The origin goes down: a stale entry answers while it cannot be reached.
// Once the client's breaker opens for that origin (because it cannot be
// reached), the same stale entry must still answer.
func TestAStaleEntryStillAnswersOnceTheBreakerOpens(t *testing.T) {
	var down atomic.Bool
	reset := faultserver.Reset()
	srv := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			reset(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "max-age=0")
		w.Header().Set("ETag", `"v1"`)
		io.WriteString(w, `{"v":1}`)
	})
	c := fastClient(client.WithHTTPCache(), client.WithBreaker(breaker.WithThreshold(2), breaker.WithOpenTimeout(time.Minute)))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	opt := client.Option{URL: srv.URL + "/conf", RetryTimes: client.NoRetry}
	if _, err := c.Request(ctx, opt); err != nil {
		t.Fatal(err)
	}
	down.Store(true)
	for i := 0; i < 4; i++ {
		resp, err := c.Request(ctx, opt)
		why, stale := "", false
		if resp.Header != nil {
			why, stale = httpcache.ServedStale(&http.Response{Header: resp.Header})
		}
		t.Logf("call %d: status %d fromCache %v stale %v %q err %v (server hits %d)", i, resp.StatusCode, resp.FromCache, stale, why, err, srv.Count())
		if err != nil {
			t.Fatalf("call %d: the origin is unreachable (its circuit open because of it) and a stale entry exists: want the stale answer, got %v", i, err)
		}
	}
}
