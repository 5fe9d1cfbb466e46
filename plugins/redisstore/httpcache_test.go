package redisstore_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/plugins/redisstore"
)

// The HTTP cache's storage is a store.Store too: two replicas share it, and
// a POST on one invalidates the entry for both.
func TestTwoReplicasShareTheHTTPCache(t *testing.T) {
	srv, rdb1 := newRedis(t)
	rdb2 := newClient(t, srv)
	var hits atomic.Int64
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "max-age=600")
		io.WriteString(w, `{"method":"`+r.Method+`"}`)
	}))
	defer api.Close()
	replica := func(st *redisstore.Store) *client.Client {
		return client.New(client.WithHTTPCache(httpcache.WithStorage(st)))
	}
	one := replica(redisstore.New(rdb1, redisstore.WithPrefix("hc:")))
	two := replica(redisstore.New(rdb2, redisstore.WithPrefix("hc:")))
	opt := client.Option{URL: api.URL + "/conf"}

	if r, err := one.Request(ctx, opt); err != nil || r.FromCache {
		t.Fatalf("replica one: %+v %v", r, err)
	}
	r, err := two.Request(ctx, opt)
	if err != nil || !r.FromCache || r.Attempts != 0 || r.Data.(map[string]any)["method"] != "GET" {
		t.Fatalf("replica two: %+v %v", r, err)
	}
	if n := hits.Load(); n != 1 {
		t.Fatalf("server saw %d requests, want 1", n)
	}
	if _, err := two.Request(ctx, client.Option{URL: api.URL + "/conf", Method: "POST"}); err != nil {
		t.Fatal(err)
	}
	if r, _ = one.Request(ctx, opt); r.FromCache {
		t.Fatal("replica one served an entry replica two's POST invalidated")
	}
	if n := hits.Load(); n != 3 {
		t.Fatalf("server saw %d requests, want 3", n)
	}
	if keys := rdb1.Keys(ctx, "hc:*").Val(); len(keys) == 0 {
		t.Fatal("no keys under the hc: prefix")
	}
}

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
