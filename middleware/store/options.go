package store

import (
	"net/http"
	"time"

	"github.com/taroreq/taroreq/internal/credential"
)

// Option configures the layer and its Fallback. A nil Option, and a nil
// function given to one, mean the default.
// Options only set the configuration when it is built: one may be reused
// for several layers and passed between goroutines.
// The functions given to options are called from the goroutines of the
// requests, several at once: they must be safe for concurrent use.
type Option func(*config)

type config struct {
	st          Store
	onError     func(error)
	check       func(*http.Response, []byte) bool
	now         func() time.Time
	partitioner *credential.Partitioner
	credHeaders []string                        // WithCredentialHeaders
	partHeader  func(*http.Request) http.Header // WithPartitionHeader
	plainKeys   *plainKeys                      // the keys of plain requests seen again
}

// WithErrorHandler receives the Store's errors, which never fail a request
// (default, and nil: ignored). It may be called from several goroutines at
// once.
func WithErrorHandler(f func(error)) Option { return func(c *config) { c.onError = f } }

// WithCheck sets the StoreCheck for requests that carry no
// middleware.Settings (the layer inside a plain http.Client). Nil, the
// default, lets stored data answer only as the fallback.
func WithCheck(f func(stored *http.Response, body []byte) bool) Option {
	return func(c *config) { c.check = f }
}

// WithClock sets the clock that stamps Entry.StoredAt (default, and nil:
// time.Now).
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithPartitionKey sets the key of the credential partition that the layer
// computes for requests that carry no middleware.Settings (the layer inside
// a plain http.Client; a client's requests come with their key made by the
// client, see client.WithPartitionKey). The default is random per layer;
// requests without credentials share the partition of every layer
// without a key, but over an *http.Transport with a TLS client
// certificate, which tells its user by the connection: there the layer
// draws a key of its own for them too. A call without credentials of a
// client without a key (the layer its transport) is filed under the
// layer's key, given or drawn, not in the partition every such client
// shares. A plain http.Client's request over the Transport of a client given a key
// is partitioned by that key, whatever the layer's, as the client's own
// calls are. Replicas sharing a Store need one key.
func WithPartitionKey(key []byte) Option {
	return func(c *config) { c.partitioner = credential.NewPartitioner(key) }
}

// WithCredentialHeaders adds header names that hold credentials to the
// built-in set (see New) for requests that carry no middleware.Settings:
// they count in the credential partition of the key. A client passes its
// client.WithCredentialHeaders names to the store layer it builds, so that
// its Transport used in a plain http.Client keeps them apart too.
func WithCredentialHeaders(names ...string) Option {
	return func(c *config) { c.credHeaders = append(c.credHeaders, credential.TrimNames(names)...) }
}

// WithPartitionHeader sets where the credential partition of a request
// that carries no middleware.Settings is made from: the header f returns
// for it. The default (and nil) is middleware.SentHeader: the header a
// client's Transport says the request goes out with, which lacks the
// credential headers its bottom layer strips from a redirect hop to
// another origin (an outer layer's token, set again on every hop), so that
// the answer of such a hop is kept apart from the token's; else the
// request's own, as the layer sees it.
func WithPartitionHeader(f func(*http.Request) http.Header) Option {
	return func(c *config) { c.partHeader = f }
}

func newConfig(st Store, opts []Option) config {
	c := config{st: st, onError: func(error) {}, now: time.Now}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	if c.st == nil {
		c.st = NewMemory()
	}
	if c.onError == nil {
		c.onError = func(error) {}
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.partitioner == nil {
		c.partitioner = credential.NewPartitioner(nil)
	}
	c.plainKeys = newPlainKeys()
	return c
}
