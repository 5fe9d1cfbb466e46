package redisstore_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/store"
	"github.com/taroreq/taroreq/plugins/redisstore"
)

// api answers {"v":<version>} and counts requests; down makes it 503.
type api struct {
	*httptest.Server
	count   atomic.Int64
	version atomic.Value
	down    atomic.Bool
}

func newAPI(t *testing.T, version string) *api {
	a := &api{}
	a.version.Store(version)
	a.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		a.count.Add(1)
		if a.down.Load() {
			w.WriteHeader(503)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"v":"`+a.version.Load().(string)+`"}`)
	}))
	t.Cleanup(a.Close)
	return a
}

// errs collects what store.WithErrorHandler reports.
type errs struct {
	mu   sync.Mutex
	list []error
}

func (e *errs) handle(err error) { e.mu.Lock(); e.list = append(e.list, err); e.mu.Unlock() }

func (e *errs) all() []error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]error(nil), e.list...)
}

// replica is one service instance: its own Redis client and taroreq client.
func replica(t *testing.T, st *redisstore.Store, opts ...store.Option) *client.Client {
	return client.New(
		client.WithStore(st, opts...),
		client.WithRetry(retry.WithBackoff(retryablehttp.DefaultBackoff, time.Millisecond, 4*time.Millisecond)),
	)
}

func TestTwoReplicasShareTheStore(t *testing.T) {
	srv, rdb1 := newRedis(t)
	rdb2 := newClient(t, srv)
	api := newAPI(t, "1")
	one, two := replica(t, redisstore.New(rdb1)), replica(t, redisstore.New(rdb2))
	opt := client.Option{URL: api.URL, Data: map[string]any{"q": "a b"}, UseStore: true, StoreCheckKey: "v", StoreSign: "1"}

	r, err := one.Request(ctx, opt) // miss on replica one: network, then stored in Redis
	if err != nil || r.FromStore || r.Data.(map[string]any)["v"] != "1" {
		t.Fatalf("replica one: %+v %v", r, err)
	}
	r, err = two.Request(ctx, opt) // replica two: answered from Redis, no I/O
	if err != nil || !r.FromStore || r.Attempts != 0 || r.ErrMsg != "request:ok" || r.Data.(map[string]any)["v"] != "1" {
		t.Fatalf("replica two: %+v %v", r, err)
	}
	if n := api.count.Load(); n != 1 {
		t.Fatalf("server saw %d requests, want 1", n)
	}
	// A new sign on replica two: network, and the new data is what replica
	// one then gets from the store.
	api.version.Store("2")
	opt.StoreSign = "2"
	if r, _ = two.Request(ctx, opt); r.FromStore || r.Data.(map[string]any)["v"] != "2" {
		t.Fatalf("sign mismatch: %+v", r)
	}
	if r, _ = one.Request(ctx, opt); !r.FromStore || r.Data.(map[string]any)["v"] != "2" {
		t.Fatalf("replica one after replica two's update: %+v", r)
	}
	other := opt
	other.Data = map[string]any{"q": "other"}
	if r, _ = one.Request(ctx, other); r.FromStore {
		t.Fatal("other query data answered from the store")
	}
	if n := api.count.Load(); n != 3 {
		t.Fatalf("server saw %d requests, want 3", n)
	}
}

func TestRedisKilledRequestsKeepWorking(t *testing.T) {
	srv, rdb := newRedis(t)
	api := newAPI(t, "1")
	// 250 ms, not 50: a first op of the warm-up under -race on a loaded
	// machine took longer, and the cooldown then spoiled the test. The
	// dial is made first, outside any op.
	const timeout = 250 * time.Millisecond
	rdb.Ping(ctx)
	st := redisstore.New(rdb, redisstore.WithTimeout(timeout), redisstore.WithCooldown(time.Minute))
	var reported errs
	c := replica(t, st, store.WithErrorHandler(reported.handle))
	opt := client.Option{URL: api.URL, UseStore: true, StoreCheckKey: "v", StoreSign: "1"}
	c.Request(ctx, opt)
	if r, err := c.Request(ctx, opt); err != nil || !r.FromStore {
		t.Fatalf("before the kill: %+v %v", r, err)
	}
	srv.Kill()
	const n = 10
	for i := range n {
		start := time.Now()
		r, err := c.Request(ctx, opt)
		took := time.Since(start)
		if err != nil || r.FromStore || r.StatusCode != 200 || r.Data.(map[string]any)["v"] != "1" {
			t.Fatalf("request %d with Redis down: %+v %v", i, r, err)
		}
		// A store read and a store write, each bounded by the op timeout,
		// plus a loopback request; slack for -race on a busy machine.
		if took > 2*timeout+400*time.Millisecond {
			t.Errorf("request %d took %v with Redis down (op timeout %v)", i, took, timeout)
		}
	}
	if api.count.Load() != 1+n {
		t.Fatalf("server saw %d requests, want %d", api.count.Load(), 1+n)
	}
	got := reported.all()
	if len(got) != 2*n || uint64(len(got)) != st.Errors() {
		t.Fatalf("reported %d store errors, Errors() %d; want %d (a get and a set per request)", len(got), st.Errors(), 2*n)
	}
	// The first failure is a round trip; then Redis is cooling down.
	for i, err := range got {
		if errors.Is(err, redisstore.ErrUnavailable) != (i > 0) || err.Error()[:11] != "redisstore:" {
			t.Fatalf("reported %d: %v", i, err)
		}
	}
}

func TestPausedRedisRequestsStayFast(t *testing.T) {
	srv, rdb := newRedis(t)
	api := newAPI(t, "1")
	const timeout = 250 * time.Millisecond // as TestRedisKilledRequestsKeepWorking's
	rdb.Ping(ctx)
	var reported errs
	st := redisstore.New(rdb, redisstore.WithTimeout(timeout), redisstore.WithCooldown(time.Minute))
	c := replica(t, st, store.WithErrorHandler(reported.handle))
	opt := client.Option{URL: api.URL, UseStore: true, StoreCheckKey: "v", StoreSign: "1"}
	c.Request(ctx, opt)
	if err := srv.Pause(); err != nil {
		t.Skip("cannot pause redis-server here:", err)
	}
	t.Cleanup(func() { srv.Resume() })
	start := time.Now()
	r, err := c.Request(ctx, opt)
	if took := time.Since(start); err != nil || r.FromStore || took > 2*timeout+400*time.Millisecond {
		t.Fatalf("with Redis paused: %+v %v after %v", r, err, took)
	}
	// The read timed out; the write was not even tried (cooling down).
	got := reported.all()
	if len(got) != 2 || !errors.Is(got[0], context.DeadlineExceeded) || !errors.Is(got[1], redisstore.ErrUnavailable) {
		t.Fatalf("reported %v", got)
	}
}

func TestStaleFallbackThroughRedis(t *testing.T) {
	srv, rdb1 := newRedis(t)
	api := newAPI(t, "1")
	bk := newAPI(t, "1")
	bk.down.Store(true)
	one, two := replica(t, redisstore.New(rdb1)), replica(t, redisstore.New(newClient(t, srv)))
	opt := client.Option{URL: api.URL, Backup: []string{bk.URL}, UseStore: true, StoreCheckKey: "v", StoreSign: "9",
		RetryTimes: client.NoRetry}
	if r, err := one.Request(ctx, opt); err != nil || r.FromStore {
		t.Fatalf("first: %+v %v", r, err)
	}
	api.down.Store(true)
	r, err := two.Request(ctx, opt) // primary and backup fail: replica one's data answers
	if err != nil || !r.FromStore || r.Data.(map[string]any)["v"] != "1" || r.ErrMsg != "request:ok" {
		t.Fatalf("stale fallback: %+v %v", r, err)
	}
	if api.count.Load() != 2 || bk.count.Load() != 1 {
		t.Fatalf("primary %d, backup %d; want 2, 1", api.count.Load(), bk.count.Load())
	}
	opt.DataCheck = func(*client.Response) bool { return false }
	if r, err = two.Request(ctx, opt); err == nil || r.FromStore {
		t.Fatalf("DataCheck rejecting stale data still answered: %+v", r)
	}
}
