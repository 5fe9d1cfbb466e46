package httpcache

import (
	"math/rand/v2"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware/store"
)

// Defaults of New.
const (
	DefaultMaxEntries = 1000
	DefaultMaxBytes   = 32 << 20
)

// Option configures New and Middleware. A nil Option, and a nil value given
// to one, mean the default.
// Options only set the configuration when it is built: one may be reused
// for several layers and passed between goroutines.
// The functions given to options are called from the goroutines of the
// requests, several at once: they must be safe for concurrent use.
type Option func(*config)

type config struct {
	storage store.Store
	mode    Mode
	now     func() time.Time
	onError func(error)
	maxBody int64
	shared  bool // see WithShared
	// partitioner partitions requests that carry no client partition.
	partitioner *credential.Partitioner
	credHeaders []string                        // WithCredentialHeaders
	partHeader  func(*http.Request) http.Header // WithPartitionHeader
	// pending is every stack's record of the invalidations of the storage
	// (Middleware's stacks share it as they share the storage): a write
	// through one is checked against those begun through another.
	pending pendingInvalidations
	// gens numbers the generations of the indexes every stack writes (from
	// a random point, see newConfig): two stacks, or two Middlewares on one
	// storage, all but never make one at the same clock reading (an index written
	// after an invalidation must not reach the variants it left).
	gens atomic.Int64
}

// WithStorage sets where entries live (default: a store.Memory bounded to
// DefaultMaxEntries entries and DefaultMaxBytes bytes, least recently used
// evicted first). Any store.Store fits, e.g. plugins/redisstore to share
// one cache between replicas; give it its own prefix or instance, apart
// from the useStore data.
func WithStorage(st store.Store) Option { return func(c *config) { c.storage = st } }

// WithMode sets the mode of requests that carry no per-request mode (those
// sent through a plain http.Client). The default is ModeDefault, the zero
// Mode. A Mode that is none of the constants fails each such request with
// an error matching ErrBadMode, before any I/O.
func WithMode(m Mode) Option { return func(c *config) { c.mode = m } }

// WithClock sets the clock for ages and freshness (default, and nil:
// time.Now).
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithErrorHandler receives the storage's errors, which never fail a
// request: a read error is a miss, a write error leaves the cache as it was;
// and a panic below the cache that no caller is left to raise it in (in a
// background revalidation, or an exchange every waiter had left). Nil, the
// default, ignores them.
func WithErrorHandler(f func(error)) Option { return func(c *config) { c.onError = f } }

// WithMaxBodyBytes bounds the bodies the cache buffers and stores (default,
// and zero or negative: the request's Settings.BodyLimit, 8 MiB). A larger
// body is handed on whole, unstored.
func WithMaxBodyBytes(n int64) Option { return func(c *config) { c.maxBody = n } }

// WithPartitionKey sets the key of the credential partition the layer
// computes for requests that do not come from a taroreq client (those of a
// plain http.Client; a client's requests carry its own, see
// client.WithPartitionKey). The default is random per layer, and
// requests without credentials share one partition with every layer
// without a key; but over an *http.Transport with a TLS client
// certificate, whose user the connection tells, the layer draws a key of
// its own, as client.New does, and shares none of them. The call without
// credentials of a client without a key through the layer is filed under
// the layer's key, given or drawn, not in the partition every such client
// shares. A plain
// http.Client's request over the Transport of a client given a key is
// partitioned by that key, whatever the layer's, as the client's own calls
// are. Replicas that share a storage need one key.
func WithPartitionKey(key []byte) Option {
	return func(c *config) { c.partitioner = credential.NewPartitioner(key) }
}

// WithCredentialHeaders adds header names that hold credentials to the
// built-in set for requests that do not come from a taroreq client: they
// count in the credential partition. A client passes its
// client.WithCredentialHeaders names to the cache layer it builds, so that
// its Transport used in a plain http.Client keeps them apart too.
func WithCredentialHeaders(names ...string) Option {
	return func(c *config) { c.credHeaders = append(c.credHeaders, credential.TrimNames(names)...) }
}

// WithPartitionHeader sets where the credential partition of a request
// that does not come from a taroreq client's call is made from: the header
// f returns for it. The default (and nil) is middleware.SentHeader: the
// header a client's Transport says the request goes out with, which lacks
// the credential headers its bottom layer strips from a redirect hop to
// another origin (an outer layer's token, set again on every hop), so that
// the answer of such a hop is kept apart from the token's; else the
// request's own, as the layer sees it.
func WithPartitionHeader(f func(*http.Request) http.Header) Option {
	return func(c *config) { c.partHeader = f }
}

// newConfig is the one place defaults are set.
func newConfig(opts []Option) *config {
	c := &config{now: time.Now, onError: func(error) {}}
	// From a random point: another Middleware on the same storage (a
	// client of this process, a replica on one Redis) counts from its own,
	// so two all but never make one generation at one clock reading.
	c.gens.Store(rand.Int64N(1 << 62))
	for _, o := range opts {
		if o != nil {
			o(c)
		}
	}
	if c.storage == nil {
		c.storage = store.NewMemory(store.WithMaxEntries(DefaultMaxEntries), store.WithMaxBytes(DefaultMaxBytes))
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.onError == nil {
		c.onError = func(error) {}
	}
	if c.partitioner == nil {
		c.partitioner = credential.NewPartitioner(nil)
	}
	return c
}
