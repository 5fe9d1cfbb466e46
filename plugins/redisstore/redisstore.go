package redisstore

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/store"
)

// Store is a store.Store on Redis. It is safe for concurrent use, as is the
// redis.UniversalClient under it; its zero value (and a nil *Store)
// is not usable, call New: every operation of one fails with ErrNoClient.
type Store struct {
	rdb      redis.UniversalClient
	prefix   string
	ttl      time.Duration
	timeout  time.Duration
	maxEntry int
	cooldown time.Duration
	now      func() time.Time
	errs     atomic.Uint64
	// downUntil is when, in Unix nanoseconds, the next operation may probe
	// a Redis that failed; 0 while it answers.
	downUntil atomic.Int64
}

var _ store.Store = (*Store)(nil)

// ErrNoClient is the error of every operation of a Store made with a nil
// client, of the zero Store and of a nil *Store: the store layer then skips the store and reports it, instead of
// the process panicking.
var ErrNoClient = errors.New("nil redis client")

// ErrTooLarge is the error of a Get whose value is over the
// WithMaxEntryBytes bound (written by another program, or by a replica with
// a larger bound): no more than the bound is read, and the key is a miss.
var ErrTooLarge = errors.New("redis value over the entry bound")

// New returns a Store on rdb, which the Store does not close. A nil rdb
// gives a Store whose every operation fails with ErrNoClient.
func New(rdb redis.UniversalClient, opts ...Option) *Store {
	s := &Store{rdb: rdb, prefix: DefaultPrefix, timeout: DefaultTimeout, maxEntry: DefaultMaxEntryBytes,
		cooldown: DefaultCooldown}
	for _, o := range opts {
		if o != nil { // nil means the default
			o(s)
		}
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.ttl < 0 {
		s.ttl = 0 // a negative expiration means KEEPTTL to go-redis
	}
	return s
}

// Get returns the entry stored under key: ok false and a nil error for a key
// Redis does not hold, an error matching store.ErrCorrupt for a value that
// does not decode.
func (s *Store) Get(ctx context.Context, key string) (store.Entry, bool, error) {
	if s == nil {
		return store.Entry{}, false, s.fail("get", ErrNoClient)
	}
	if !s.admit() {
		return store.Entry{}, false, s.fail("get", s.refusal())
	}
	octx, cancel, short := s.op(ctx)
	var data []byte
	var err error
	if s.maxEntry > 0 {
		// No more than the bound and one byte is read: a value another
		// program or a replica with a larger bound wrote is not held
		// whole in memory to be refused.
		data, err = s.rdb.GetRange(octx, s.prefix+key, 0, int64(s.maxEntry)).Bytes()
		if err == nil && len(data) == 0 {
			err = redis.Nil // GETRANGE's answer for a key Redis does not hold (an entry is never empty)
		}
	} else {
		data, err = s.rdb.Get(octx, s.prefix+key).Bytes()
	}
	s.observe(ctx, err, short && octx.Err() != nil)
	cancel()
	if errors.Is(err, redis.Nil) {
		return store.Entry{}, false, nil
	}
	if err != nil {
		return store.Entry{}, false, s.fail("get", err)
	}
	if s.maxEntry > 0 && len(data) > s.maxEntry {
		return store.Entry{}, false, s.fail("get", fmt.Errorf("%w: an entry over %d bytes", ErrTooLarge, s.maxEntry))
	}
	// data is a fresh copy: the entry (whose body aliases it) is the
	// caller's own.
	var e store.Entry
	if err := e.UnmarshalBinary(data); err != nil {
		return store.Entry{}, false, s.fail("get", err)
	}
	return e, true, nil
}

// Set writes e under key, with the TTL if one is set. An entry over the
// WithMaxEntryBytes bound is not written and the key's entry is deleted.
func (s *Store) Set(ctx context.Context, key string, e store.Entry) error {
	if s == nil {
		return s.fail("set", ErrNoClient)
	}
	data, err := e.MarshalBinary()
	if err != nil {
		return s.fail("set", err)
	}
	if s.maxEntry > 0 && len(data) > s.maxEntry {
		return s.Delete(ctx, key)
	}
	if !s.admit() {
		return s.fail("set", s.refusal())
	}
	octx, cancel, short := s.op(ctx)
	err = s.rdb.Set(octx, s.prefix+key, data, s.ttl).Err()
	s.observe(ctx, err, short && octx.Err() != nil)
	cancel()
	if err != nil {
		return s.fail("set", err)
	}
	return nil
}

// Delete removes key's entry; a key Redis does not hold is no error.
func (s *Store) Delete(ctx context.Context, key string) error {
	if s == nil {
		return s.fail("delete", ErrNoClient)
	}
	if !s.admit() {
		return s.fail("delete", s.refusal())
	}
	octx, cancel, short := s.op(ctx)
	err := s.rdb.Del(octx, s.prefix+key).Err()
	s.observe(ctx, err, short && octx.Err() != nil)
	cancel()
	if err != nil {
		return s.fail("delete", err)
	}
	return nil
}

// Errors returns the number of operations that have failed since New,
// corrupt values and ErrUnavailable included (a miss is not a failure).
func (s *Store) Errors() uint64 {
	if s == nil {
		return 0
	}
	return s.errs.Load()
}

// op returns the context an operation runs under: the caller's, bounded by
// the op timeout and by half of what is left of the caller's deadline, so
// that a Redis that does not answer leaves the request the other half for
// the network instead of the whole of it. short reports a caller with less
// than the op timeout left: the end of its share then says no more about
// Redis than the caller's own end would (no cooldown).
func (s *Store) op(ctx context.Context) (_ context.Context, _ context.CancelFunc, short bool) {
	d, bounded := s.timeout, s.timeout > 0
	// The caller's own deadline, not the share a layer gave a storage
	// that may stall (middleware.BoundStorage): Redis not answering
	// within that share is Redis failing. The operation takes half of
	// what is left of the caller's, within that share (ctx's deadline),
	// not half of the share again.
	if dl, ok := middleware.CallerDeadline(ctx); ok {
		left := time.Until(dl)
		if !bounded || left/2 < d {
			d, bounded = left/2, true
		}
		short = s.timeout <= 0 || left < s.timeout
		if own, ok := ctx.Deadline(); ok && time.Until(own) < s.timeout/2 {
			// A share of that deadline (middleware.BoundStorageUntil:
			// a cache's writes) that earlier operations used most of:
			// its end, shorter than what a caller who is not short
			// gives one, says no more about Redis than a short one's.
			short = true
		}
	}
	if !bounded {
		return ctx, func() {}, false
	}
	octx, cancel := context.WithTimeout(ctx, d)
	return octx, cancel, short
}

// fail counts err and wraps it. The key is left out: it holds the URL and
// its query data, which error logs need not see.
func (s *Store) fail(op string, err error) error {
	if s != nil {
		s.errs.Add(1)
	}
	return fmt.Errorf("redisstore: %s: %w", op, err)
}
