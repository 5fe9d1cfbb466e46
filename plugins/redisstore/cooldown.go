package redisstore

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/taroreq/taroreq/middleware"
)

// ErrUnavailable is the error of an operation not sent because Redis failed
// to answer a moment ago (see WithCooldown).
var ErrUnavailable = errors.New("redis unavailable, cooling down")

// admit reports whether an operation may go to Redis: always while it
// answers; once it has failed, one operation per cooldown, which probes it.
func (s *Store) admit() bool {
	if s.rdb == nil {
		return false
	}
	until := s.downUntil.Load()
	if until == 0 {
		return true
	}
	now := s.now().UnixNano()
	return now >= until && s.downUntil.CompareAndSwap(until, now+int64(s.cooldown))
}

// observe updates the cooldown with the outcome err of an operation made
// for caller. Only failures to get an answer (connection refused or lost,
// timeouts) count: a reply, even an error reply, means Redis is there, and
// the caller's own context ending says nothing about Redis, nor does the
// end of the share of a short caller deadline the operation had
// (shareEnded, see op).
func (s *Store) observe(caller context.Context, err error, shareEnded bool) {
	var reply redis.Error
	switch {
	case err == nil || errors.As(err, &reply):
		if s.downUntil.Load() != 0 {
			s.downUntil.Store(0)
		}
	case s.cooldown <= 0 || callerEnded(caller) || shareEnded:
	default:
		s.downUntil.Store(s.now().Add(s.cooldown).UnixNano())
	}
}

// callerEnded reports whether the caller of an operation under ctx has
// left: ctx canceled, or past its caller's deadline
// (middleware.CallerDeadline). The end of the share of it a layer gave a
// storage that may stall (middleware.BoundStorage), which an operation may
// take whole, is not: that is Redis failing to answer within it.
func callerEnded(ctx context.Context) bool {
	switch err := ctx.Err(); {
	case err == nil:
		return false
	case !errors.Is(err, context.DeadlineExceeded):
		return true
	}
	dl, ok := middleware.CallerDeadline(ctx)
	return !ok || !time.Now().Before(dl)
}

// refusal is the error of an operation admit refused.
func (s *Store) refusal() error {
	if s.rdb == nil {
		return ErrNoClient
	}
	return ErrUnavailable
}
