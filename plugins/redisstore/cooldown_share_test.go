package redisstore_test

import (
	"context"
	"errors"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
	"github.com/taroreq/taroreq/plugins/redisstore"
)

// An operation under the share of a call a layer gave a storage that may
// stall (middleware.BoundStorage: half of the call's Timeout for a lookup,
// half of what is left of the answer's deadline for a write) is bounded by
// the op timeout and half of what is left of the caller's deadline, as the
// README says, not half of what is left of the share: halved twice, the
// second read of a lookup (the variant, after the index), or the write of
// a miss, of a call with a Timeout four times the op timeout got less than
// a healthy Redis answering well within the op timeout took, and its end,
// counted as Redis failing, put that Redis in cooldown for every other
// caller.
func TestLongCallLeavesAHealthyRedisInUse(t *testing.T) {
	// The op timeout is 120ms over Redis's answer, slack for a loaded
	// machine, and under 1.5 times it, so that a share halved twice (the
	// op timeout less half the answer) would still cut the second read.
	for _, c := range []struct {
		name   string
		stored bool // the entry is there: the call's lookup reads the index, then the variant
	}{{"lookup", true}, {"write", false}} {
		t.Run(c.name, func(t *testing.T) {
			srv, _ := newRedis(t)
			rdb := redis.NewClient(&redis.Options{Addr: slowLink(t, srv.Addr, 300*time.Millisecond), ContextTimeoutEnabled: true})
			t.Cleanup(func() { rdb.Close() })
			api := newAPI(t, "1")
			st := redisstore.New(rdb, redisstore.WithTimeout(420*time.Millisecond)) // Redis answers in 300ms
			var failed atomic.Int32
			cl := client.New(client.WithHTTPCache(httpcache.WithStorage(st), httpcache.WithErrorHandler(func(err error) {
				failed.Add(1)
				t.Log(err)
			})))
			if err := rdb.Ping(context.Background()).Err(); err != nil {
				t.Fatal(err)
			}
			if c.stored {
				if _, err := cl.Request(context.Background(), client.Option{URL: api.URL, Timeout: 5 * time.Second}); err != nil {
					t.Fatal(err)
				}
				if n := failed.Load(); n != 0 {
					t.Fatalf("storing: %d errors", n)
				}
			}
			r, err := cl.Request(context.Background(), client.Option{URL: api.URL, Timeout: 1680 * time.Millisecond})
			if err != nil || r.StatusCode != 200 {
				t.Fatalf("call with Timeout 1680ms: %v", err)
			}
			if _, err := cl.Request(context.Background(), client.Option{URL: api.URL + "/other", Timeout: 5 * time.Second}); err != nil {
				t.Fatal(err)
			}
			if n := failed.Load(); n != 0 {
				t.Errorf("a call with Timeout 1680ms (op timeout 420ms) on a Redis answering in 300ms: %d operations failed or refused", n)
			}
		})
	}
}

// A cache write is two operations (index, then entry) under one share of
// the answer's deadline: the second gets what the first left of it. Cut
// when that was less than half the op timeout (less than a caller who is
// not short gives one), on a healthy Redis answering well within the op
// timeout, it was counted as Redis failing and put Redis in cooldown.
func TestSecondWriteInAShareLeavesAHealthyRedisInUse(t *testing.T) {
	srv, _ := newRedis(t)
	rdb := redis.NewClient(&redis.Options{Addr: slowLink(t, srv.Addr, 150*time.Millisecond), ContextTimeoutEnabled: true})
	t.Cleanup(func() { rdb.Close() })
	st := redisstore.New(rdb, redisstore.WithTimeout(200*time.Millisecond))
	if err := rdb.Ping(context.Background()).Err(); err != nil {
		t.Fatal(err)
	}
	// 450ms to the answer's deadline: a share of 225ms, of which the
	// first write (150ms) leaves about 75.
	ctx, cancel := middleware.BoundStorageUntil(context.Background(), time.Now().Add(450*time.Millisecond))
	defer cancel()
	e := store.Entry{StatusCode: 200, Body: []byte("x")}
	if err := st.Set(ctx, "index", e); err != nil {
		t.Fatalf("first write, 200ms for a Redis answering in 150ms: %v", err)
	}
	if err := st.Set(ctx, "entry", e); err == nil {
		t.Fatal("second write answered within what the share left: the test shows nothing")
	}
	if err := st.Delete(context.Background(), "other"); errors.Is(err, redisstore.ErrUnavailable) {
		t.Errorf("the end of a share's rest (under half the op timeout) put a healthy Redis in cooldown: %v", err)
	}
}

// TestCooldownFollowsWithClock: the cooldown after a Redis that did not
// answer is measured on the injected clock, not the wall clock: until the
// clock passes it every operation fails at once with ErrUnavailable, and
// the first one after it probes Redis again.
func TestCooldownFollowsWithClock(t *testing.T) {
	rdb := refusingRedis(t)
	now := time.Unix(1700000000, 0)
	st := redisstore.New(rdb, redisstore.WithCooldown(time.Hour), redisstore.WithClock(func() time.Time { return now }))

	if _, _, err := st.Get(ctx, "k"); err == nil || errors.Is(err, redisstore.ErrUnavailable) {
		t.Fatalf("first get on a refused address: %v, want the dial error", err)
	}
	now = now.Add(59 * time.Minute)
	if _, _, err := st.Get(ctx, "k"); !errors.Is(err, redisstore.ErrUnavailable) {
		t.Fatalf("59 minutes later by the clock: %v, want ErrUnavailable", err)
	}
	now = now.Add(2 * time.Minute)
	if _, _, err := st.Get(ctx, "k"); err == nil || errors.Is(err, redisstore.ErrUnavailable) {
		t.Fatalf("past the cooldown by the clock: %v, want a probe (the dial error)", err)
	}
	if _, _, err := st.Get(ctx, "k"); !errors.Is(err, redisstore.ErrUnavailable) {
		t.Fatalf("after the failed probe: %v, want ErrUnavailable", err)
	}
}

// refusingRedis is a client of an address that refuses connections (a
// listener closed), closed when the test ends: every operation fails
// without an answer.
func refusingRedis(t *testing.T) *redis.Client {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // connections to addr are now refused
	rdb := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, DialTimeout: time.Second})
	t.Cleanup(func() { rdb.Close() })
	return rdb
}
