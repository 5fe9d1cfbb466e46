package redisstore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/taroreq/taroreq/plugins/redisstore"
)

// deadlineHook answers every command with a miss, without Redis, and keeps
// the deadline of the context the command was given and when it was seen.
type deadlineHook struct {
	deadline, seen time.Time
	has            bool
}

func (h *deadlineHook) DialHook(next redis.DialHook) redis.DialHook { return next }
func (h *deadlineHook) ProcessHook(redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		h.seen = time.Now()
		h.deadline, h.has = ctx.Deadline()
		cmd.SetErr(redis.Nil)
		return redis.Nil
	}
}
func (h *deadlineHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// The package doc promises "Every operation runs under WithTimeout
// (default 100ms)": no test held the default (the tests give their own, or
// a caller deadline). An operation of a Store made with no option, for a
// caller without a deadline, is given a context whose deadline is 100 ms
// after it was made: no sooner than 100 ms after the call began, no later
// than 100 ms after the command saw it (both exact, whatever the load).
func TestDefaultOpTimeoutIsATenthOfASecond(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1})
	t.Cleanup(func() { rdb.Close() })
	var hook deadlineHook
	rdb.AddHook(&hook)
	st := redisstore.New(rdb)
	start := time.Now()
	if _, ok, err := st.Get(context.Background(), "k"); ok || err != nil {
		t.Fatalf("Get: ok %v, err %v; want the hook's miss", ok, err)
	}
	if !hook.has {
		t.Fatal("the operation had no deadline; want DefaultTimeout's")
	}
	if early, late := hook.deadline.Sub(start), hook.deadline.Sub(hook.seen); early < redisstore.DefaultTimeout || late > redisstore.DefaultTimeout {
		t.Errorf("deadline %v after the call began, %v after the command saw it; want %v", early, late, redisstore.DefaultTimeout)
	}
	if redisstore.DefaultTimeout != 100*time.Millisecond {
		t.Errorf("DefaultTimeout %v, the doc says 100ms", redisstore.DefaultTimeout)
	}
}

// The package doc promises that once an operation got no answer, the
// others fail at once with ErrUnavailable "for WithCooldown (default 1s)":
// no test held the default (TestCooldownFollowsWithClock gives an hour). On
// the injected clock, a Store made with no WithCooldown refuses every
// operation until a second has passed, and the first one after it probes
// Redis again.
func TestDefaultCooldownIsOneSecond(t *testing.T) {
	rdb := refusingRedis(t)
	now := time.Unix(1700000000, 0)
	st := redisstore.New(rdb, redisstore.WithClock(func() time.Time { return now }))

	if _, _, err := st.Get(ctx, "k"); err == nil || errors.Is(err, redisstore.ErrUnavailable) {
		t.Fatalf("first get on a refused address: %v, want the dial error", err)
	}
	now = now.Add(time.Second - time.Millisecond)
	if _, _, err := st.Get(ctx, "k"); !errors.Is(err, redisstore.ErrUnavailable) {
		t.Fatalf("a millisecond short of a second later by the clock: %v, want ErrUnavailable", err)
	}
	now = now.Add(time.Millisecond)
	if _, _, err := st.Get(ctx, "k"); err == nil || errors.Is(err, redisstore.ErrUnavailable) {
		t.Fatalf("a second later by the clock: %v, want a probe (the dial error)", err)
	}
	if redisstore.DefaultCooldown != time.Second {
		t.Errorf("DefaultCooldown %v, the doc says 1s", redisstore.DefaultCooldown)
	}
}
