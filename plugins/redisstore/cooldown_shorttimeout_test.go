package redisstore_test

import (
	"context"
	"errors"
	"io"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/plugins/redisstore"
)

// slowLink forwards loopback connections to addr, each reply delayed by
// lag: a healthy Redis across a network slower than loopback.
func slowLink(t *testing.T, addr string, lag time.Duration) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			in, err := ln.Accept()
			if err != nil {
				return
			}
			out, err := net.Dial("tcp", addr)
			if err != nil {
				in.Close()
				continue
			}
			go func() { io.Copy(out, in); out.Close() }()
			go func() {
				buf := make([]byte, 32<<10)
				for {
					n, err := out.Read(buf)
					if n > 0 {
						time.Sleep(lag)
						if _, werr := in.Write(buf[:n]); werr != nil {
							break
						}
					}
					if err != nil {
						break
					}
				}
				in.Close()
			}()
		}
	}()
	return ln.Addr().String()
}

// A call whose Timeout is shorter than the op timeout is a short caller,
// as one whose ctx deadline is: the end of the share of it the store got
// says no more of Redis than the caller's own end. Counted as Redis
// failing (5071615), one such call on a healthy Redis 20ms away started
// the cooldown, and every other caller's lookups were skipped for it.
func TestShortTimeoutCallLeavesAHealthyRedisInUse(t *testing.T) {
	srv, _ := newRedis(t)
	rdb := redis.NewClient(&redis.Options{Addr: slowLink(t, srv.Addr, 20*time.Millisecond), ContextTimeoutEnabled: true})
	t.Cleanup(func() { rdb.Close() })
	api := newAPI(t, "1")
	// Op timeout 500 ms (not the default 100 ms, which an op of the second
	// call, 20 ms away, passed under -race on a loaded machine: a cooldown
	// Redis earned), cooldown 1s; the short call's 40 ms stays well under it.
	st := redisstore.New(rdb, redisstore.WithTimeout(500*time.Millisecond))
	var refused atomic.Int32
	c := client.New(client.WithHTTPCache(httpcache.WithStorage(st), httpcache.WithErrorHandler(func(err error) {
		if errors.Is(err, redisstore.ErrUnavailable) {
			refused.Add(1)
		}
	})))
	if err := rdb.Ping(context.Background()).Err(); err != nil {
		t.Fatal(err)
	}
	r, err := c.Request(context.Background(), client.Option{URL: api.URL, Timeout: 40 * time.Millisecond})
	if err != nil || r.StatusCode != 200 {
		t.Fatalf("short call: %v", err)
	}
	if _, err := c.Request(context.Background(), client.Option{URL: api.URL + "/other", Timeout: 5 * time.Second}); err != nil {
		t.Fatal(err)
	}
	if n := refused.Load(); n != 0 {
		t.Errorf("a call with Timeout 40ms (op timeout 500ms) put a healthy Redis in cooldown: %d operations refused", n)
	}
}

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
