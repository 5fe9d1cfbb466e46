package redisstore

import "time"

// Defaults of New.
const (
	DefaultPrefix        = "taroreq:store:"
	DefaultTimeout       = 100 * time.Millisecond
	DefaultMaxEntryBytes = 1 << 20
	DefaultCooldown      = time.Second
)

// Option configures New. A nil one means the default.
// Options only set the configuration when it is built: one may be reused
// for several stores and passed between goroutines.
type Option func(*Store)

// WithPrefix sets what every Redis key starts with (default DefaultPrefix),
// so that several stores, or other data, share a Redis without clashing.
// "" is no prefix, not the default: the keys are the store's own.
func WithPrefix(p string) Option { return func(s *Store) { s.prefix = p } }

// WithTTL makes entries expire d after they are written; zero or less (the
// default) keeps them until Redis's maxmemory policy evicts them.
func WithTTL(d time.Duration) Option { return func(s *Store) { s.ttl = d } }

// WithTimeout bounds each operation (default DefaultTimeout); an operation
// also has no more than half of what is left of the caller's context
// deadline, so that a Redis that does not answer leaves the request the
// other half for the network. Zero or less leaves only that half.
func WithTimeout(d time.Duration) Option { return func(s *Store) { s.timeout = d } }

// WithMaxEntryBytes bounds the encoded size of an entry (default
// DefaultMaxEntryBytes): a larger one is not written, and the key's older
// entry is deleted, as store.Memory does; a larger value in Redis (another
// program's, a replica's with a larger bound) is read no further than the
// bound and is a miss (ErrTooLarge). Zero or less means the default, as for
// every body bound of taroreq; there is no unbounded setting: a value in
// Redis is read whole into memory.
func WithMaxEntryBytes(n int) Option {
	return func(s *Store) {
		s.maxEntry = n
		if n <= 0 {
			s.maxEntry = DefaultMaxEntryBytes
		}
	}
}

// WithClock sets the clock the cooldown is measured by (nil: time.Now), as
// every package's WithClock does; entry expiry (WithTTL) is Redis's own.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// WithCooldown sets how long operations fail at once with ErrUnavailable
// after one got no answer from Redis (refused, lost or timed out; default
// DefaultCooldown): a Redis that is down then costs requests nothing
// instead of the op timeout each. One operation per cooldown probes Redis,
// and the first answer ends the cooldown. Zero or less turns it off.
func WithCooldown(d time.Duration) Option { return func(s *Store) { s.cooldown = d } }
