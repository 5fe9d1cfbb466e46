package redisstore_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/plugins/redisstore"
)

// The HTTP cache waits for a storage that stalls at most half of a client
// call's Timeout (0004c98): with a Timeout under twice the op timeout,
// that share was shorter than the op timeout, so the store took it for a
// short caller's deadline, whose end says nothing of Redis, and a paused
// Redis never started the cooldown: every call waited on it. The share
// is not the caller's deadline: Redis not answering within it is Redis
// failing, and the calls after it cost nothing.
func TestPausedRedisCoolsDownForCallsWithAShortTimeout(t *testing.T) {
	srv, rdb := newRedis(t)
	api := newAPI(t, "1")
	st := redisstore.New(rdb) // op timeout 100ms, cooldown 1s
	var refused atomic.Int32
	c := client.New(client.WithHTTPCache(httpcache.WithStorage(st), httpcache.WithErrorHandler(func(err error) {
		if errors.Is(err, redisstore.ErrUnavailable) {
			refused.Add(1)
		}
	})))
	if err := srv.Pause(); err != nil {
		t.Skip("cannot pause redis-server here:", err)
	}
	t.Cleanup(func() { srv.Resume() })
	for i := range 3 {
		start := time.Now()
		r, err := c.Request(context.Background(), client.Option{URL: api.URL, Timeout: 150 * time.Millisecond})
		if err != nil || r.StatusCode != 200 {
			t.Fatalf("call %d with Redis paused: %v after %v", i, err, time.Since(start))
		}
	}
	if refused.Load() == 0 {
		t.Errorf("three calls with Timeout 150ms each waited on the paused Redis; want the cooldown to spare the later ones")
	}
}
