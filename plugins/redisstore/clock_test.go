package redisstore_test

import (
	"errors"
	"net"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/taroreq/taroreq/plugins/redisstore"
)

// TestCooldownFollowsWithClock: the cooldown after a Redis that did not
// answer is measured on the injected clock, not the wall clock: until the
// clock passes it every operation fails at once with ErrUnavailable, and
// the first one after it probes Redis again.
func TestCooldownFollowsWithClock(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // connections to addr are now refused
	rdb := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, DialTimeout: time.Second})
	t.Cleanup(func() { rdb.Close() })
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
