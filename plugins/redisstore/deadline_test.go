package redisstore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/store"
	"github.com/taroreq/taroreq/plugins/redisstore"
)

// TestPausedRedisLeavesAShortDeadlineTheNetwork: a Redis that does not
// answer does not fail a request whose caller's deadline is shorter than
// the op timeout: an operation takes at most half of what is left of the
// deadline, and the network answers in the other half. Each store
// operation took the whole deadline, so every such request failed with
// context.DeadlineExceeded without reaching the network, and, the caller's
// context having ended, no cooldown ever began.
func TestPausedRedisLeavesAShortDeadlineTheNetwork(t *testing.T) {
	srv, rdb := newRedis(t)
	api := newAPI(t, "1")
	var reported errs
	st := redisstore.New(rdb, redisstore.WithTimeout(5*time.Second))
	c := client.New(client.WithStore(st, store.WithErrorHandler(reported.handle)))
	opt := client.Option{URL: api.URL, UseStore: true, StoreCheckKey: "v", StoreSign: "2"} // never a hit
	if _, err := c.Request(ctx, opt); err != nil {
		t.Fatal(err)
	}
	if err := srv.Pause(); err != nil {
		t.Skip("cannot pause redis-server here:", err)
	}
	t.Cleanup(func() { srv.Resume() })
	for i := range 3 {
		cctx, cancel := context.WithTimeout(ctx, 400*time.Millisecond)
		r, err := c.Request(cctx, opt)
		cancel()
		if err != nil || r.StatusCode != 200 || r.FromStore {
			t.Fatalf("request %d with Redis paused and a 400ms deadline: %v (status %d)", i, err, r.StatusCode)
		}
	}
	if n := api.count.Load(); n != 4 {
		t.Fatalf("server saw %d requests, want 4", n)
	}
	// A get and a set per request, each ended by its share of the deadline.
	for _, err := range reported.all() {
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("reported %v", err)
		}
	}
}

// TestOpTakesHalfTheCallersDeadline: with an op timeout past the caller's
// deadline, an operation on a paused Redis ends at about half the deadline,
// the caller's context still alive; that end is the caller's budget, not
// Redis's verdict: it starts no cooldown.
func TestOpTakesHalfTheCallersDeadline(t *testing.T) {
	srv, rdb := newRedis(t)
	st := redisstore.New(rdb, redisstore.WithTimeout(5*time.Second), redisstore.WithCooldown(time.Minute))
	if err := st.Set(ctx, "k", entry(`{}`)); err != nil {
		t.Fatal(err)
	}
	if err := srv.Pause(); err != nil {
		t.Skip("cannot pause redis-server here:", err)
	}
	cctx, cancel := context.WithTimeout(ctx, 600*time.Millisecond)
	defer cancel()
	_, ok, err := st.Get(cctx, "k")
	if ok || !errors.Is(err, context.DeadlineExceeded) || cctx.Err() != nil {
		t.Fatalf("get on a paused Redis: ok %v, err %v, caller's context %v; want the op's share to end first", ok, err, cctx.Err())
	}
	srv.Resume()
	if _, ok, err := st.Get(ctx, "k"); !ok || err != nil {
		t.Fatalf("after Resume: ok %v, err %v; want no cooldown", ok, err)
	}
}

// TestShareOfALongerDeadlineStartsTheCooldown: a caller with more than the
// op timeout left gives an operation a share of at least half of it; a
// Redis that does not answer in that share is cooling down after it, as
// after the op timeout.
func TestShareOfALongerDeadlineStartsTheCooldown(t *testing.T) {
	srv, rdb := newRedis(t)
	st := redisstore.New(rdb, redisstore.WithTimeout(400*time.Millisecond), redisstore.WithCooldown(time.Minute))
	if err := st.Set(ctx, "k", entry(`{}`)); err != nil {
		t.Fatal(err)
	}
	if err := srv.Pause(); err != nil {
		t.Skip("cannot pause redis-server here:", err)
	}
	t.Cleanup(func() { srv.Resume() })
	cctx, cancel := context.WithTimeout(ctx, 600*time.Millisecond)
	defer cancel()
	if _, _, err := st.Get(cctx, "k"); !errors.Is(err, context.DeadlineExceeded) || cctx.Err() != nil {
		t.Fatalf("get on a paused Redis: %v, caller's context %v; want the op's share to end first", err, cctx.Err())
	}
	if _, _, err := st.Get(ctx, "k"); !errors.Is(err, redisstore.ErrUnavailable) {
		t.Fatalf("after a share of 300ms without an answer: %v, want ErrUnavailable", err)
	}
}
