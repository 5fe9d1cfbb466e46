package redisstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/plugins/redisstore"
)

// TestPausedRedisHTTPCacheAnswersByTheDeadline: the HTTP cache's writes of
// an answer to a Redis that does not answer end by the caller's deadline:
// the network's answer reaches a caller whose deadline is shorter than the
// op timeout. They ran under the coalesced exchange's context, which has
// none, so the caller waited the op timeout for the write and failed with
// context.DeadlineExceeded though the origin had answered at once.
func TestPausedRedisHTTPCacheAnswersByTheDeadline(t *testing.T) {
	srv, rdb := newRedis(t)
	api := newAPI(t, "1")
	// No cooldown: every request meets the paused Redis.
	st := redisstore.New(rdb, redisstore.WithTimeout(5*time.Second), redisstore.WithCooldown(0))
	c := client.New(client.WithHTTPCache(httpcache.WithStorage(st)))
	if err := srv.Pause(); err != nil {
		t.Skip("cannot pause redis-server here:", err)
	}
	t.Cleanup(func() { srv.Resume() })
	for i := range 2 {
		cctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
		start := time.Now()
		r, err := c.Request(cctx, client.Option{URL: api.URL})
		cancel()
		if err != nil || r.StatusCode != 200 || r.FromCache {
			t.Fatalf("request %d with Redis paused and a 500ms deadline: %v (status %d) after %v", i, err, r.StatusCode, time.Since(start))
		}
	}
	if n := api.count.Load(); n != 2 {
		t.Fatalf("server saw %d requests, want 2", n)
	}
}
