package redisstore_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/plugins/redisstore"
)

// The HTTP cache writes an answer under half of what is left of the
// answer's deadline, a share (as a lookup's, middleware.BoundStorage) that
// the store took for its caller's deadline and halved again per operation:
// the write of a call with a Timeout four times the op timeout, which
// missed, got less than a healthy Redis answering well within the op
// timeout took, was not stored, and its end, counted as Redis failing, put
// that Redis in cooldown for every other caller.
func TestWriteOfALongCallLeavesAHealthyRedisInUse(t *testing.T) {
	srv, _ := newRedis(t)
	rdb := redis.NewClient(&redis.Options{Addr: slowLink(t, srv.Addr, 150*time.Millisecond), ContextTimeoutEnabled: true})
	t.Cleanup(func() { rdb.Close() })
	api := newAPI(t, "1")
	st := redisstore.New(rdb, redisstore.WithTimeout(200*time.Millisecond)) // Redis answers in 150ms
	var failed atomic.Int32
	c := client.New(client.WithHTTPCache(httpcache.WithStorage(st), httpcache.WithErrorHandler(func(err error) {
		failed.Add(1)
		t.Log(err)
	})))
	if err := rdb.Ping(context.Background()).Err(); err != nil {
		t.Fatal(err)
	}
	// A miss: the lookup reads no index, the answer is written.
	r, err := c.Request(context.Background(), client.Option{URL: api.URL, Timeout: 800 * time.Millisecond})
	if err != nil || r.StatusCode != 200 {
		t.Fatalf("call with Timeout 800ms: %v", err)
	}
	if _, err := c.Request(context.Background(), client.Option{URL: api.URL + "/other", Timeout: 5 * time.Second}); err != nil {
		t.Fatal(err)
	}
	if n := failed.Load(); n != 0 {
		t.Errorf("a call with Timeout 800ms (op timeout 200ms) on a Redis answering in 150ms: %d operations failed or refused", n)
	}
}
