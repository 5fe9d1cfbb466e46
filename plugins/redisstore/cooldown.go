package redisstore

import (
	"context"
	"errors"

	"github.com/redis/go-redis/v9"
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
	case s.cooldown <= 0 || caller.Err() != nil || shareEnded:
	default:
		s.downUntil.Store(s.now().Add(s.cooldown).UnixNano())
	}
}

// refusal is the error of an operation admit refused.
func (s *Store) refusal() error {
	if s.rdb == nil {
		return ErrNoClient
	}
	return ErrUnavailable
}
