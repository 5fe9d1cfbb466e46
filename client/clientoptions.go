package client

import (
	"net/http"
	"slices"
	"time"

	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/store"
)

// ClientOption configures New. A nil ClientOption, and a nil value given to
// one, mean the default.
// ClientOptions only set the configuration when it is built: one may be
// reused for several clients and passed between goroutines.
type ClientOption func(*settings)

type settings struct {
	baseURL      string
	transport    http.RoundTripper
	layers       []middleware.Middleware
	layersSet    bool
	extra        []middleware.Middleware
	outer        []middleware.Middleware
	interceptors []Interceptor
	encoders     map[string]encoders.Encoder
	maxBody      int64
	maxReqBuffer int64
	retryPerURL  bool
	jar          http.CookieJar
	now          func() time.Time
	retry        []retry.Option
	backup       []backup.Option
	breaker      []breaker.Option
	store        store.Store
	storeOpts    []store.Option
	httpCache    []httpcache.Option
	httpCacheOn  bool
	credHeaders  []string
	partitionKey []byte
	// sentHeader is the client's plainSentHeader, for the layers it
	// builds (nil for DefaultLayers, which has no client below).
	sentHeader func(*http.Request) http.Header
}

// WithStore sets the store that Option.UseStore reads and writes (default: a
// store.NewMemory with its default bounds, one per client). Pass a
// store.Memory loaded from a snapshot to keep data across restarts, or a
// shared backend such as plugins/redisstore for many replicas. opts
// configure the store layer (e.g. store.WithErrorHandler).
func WithStore(st store.Store, opts ...store.Option) ClientOption {
	return func(s *settings) { s.store, s.storeOpts = st, opts }
}

// WithHTTPCache adds the RFC 9111 private HTTP cache (package httpcache) to
// the default layers, below DataCheck and above retry, so a cached response
// is still checked and a miss is still retried. Option.Cache then chooses
// each request's fetch mode. Without it, Cache "only-if-cached" fails with
// httpcache.ErrNotCached and the other modes change nothing but the header
// fields fetch sends for them (reload, no-store, no-cache), as with it.
func WithHTTPCache(opts ...httpcache.Option) ClientOption {
	return func(s *settings) { s.httpCache, s.httpCacheOn = append(s.httpCache, opts...), true }
}

// WithBaseURL makes relative Option URLs resolve against base, and gives the
// client its origin. A relative path goes under the base's path whether or
// not it ends in '/' (base https://api.test/v1 and URL "users" make
// https://api.test/v1/users); a path that starts with '/' starts at the
// origin ("/users" makes https://api.test/users), and a query alone
// ("?page=2") keeps the base's path, as RFC 3986 resolves them. "" (the
// default) is no base URL: a relative Option URL fails with ErrInvalidURL.
func WithBaseURL(base string) ClientOption { return func(s *settings) { s.baseURL = base } }

// WithTransport sets the bottom of the stack. nil (the default), or a nil
// *http.Transport or middleware.RoundTripperFunc, means a new
// transports.Default(). One that sends a request with credentials of its
// own (golang.org/x/oauth2's Transport: its answer's Request says so) is
// treated as an inner layer that set them: the store and the HTTP cache,
// whose keys do not count them, do not write its answers. It sends them
// wherever the request goes, to a backup or a redirect target of another
// origin too, where the client strips its own: a token belongs in
// Option.Header, an interceptor or WithOuterLayers. One that sets them on
// the request it was handed and removes them again before it returns
// (against http.RoundTripper's contract) leaves nothing to tell: give each
// user's client its own partition key (WithPartitionKey).
func WithTransport(rt http.RoundTripper) ClientOption {
	return func(s *settings) { s.transport = rt }
}

// WithInnerLayers adds layers between the default layers and the transport,
// first outermost: they see every attempt. The store and the HTTP cache,
// above them, do not see what they add: a credential that tells users apart
// belongs in Option.Header, an interceptor or WithOuterLayers, whose
// credential headers both count in their keys.
func WithInnerLayers(m ...middleware.Middleware) ClientOption {
	return func(s *settings) { s.extra = append(s.extra, m...) }
}

// WithOuterLayers adds layers outside every other layer, first
// outermost: they see each logical request once, before the store, backup
// and retry layers (e.g. a tracing span for the whole request). The store
// keys a request by the credential headers and the URL they send, not
// only by the Option's: a token they add per caller keeps callers apart.
func WithOuterLayers(m ...middleware.Middleware) ClientOption {
	return func(s *settings) { s.outer = append(s.outer, m...) }
}

// WithLayers replaces the default layers (DefaultLayers) by these; nil
// ones are skipped. WithLayers() (or an empty slice) is no layer at all;
// only nils (WithLayers(nil)), a nil given to the option, mean the default
// layers. An Option field whose layer is left out does nothing: without
// the timeout layer no Timeout bounds an attempt (ctx still bounds the
// call), without retry, backup or store no RetryTimes, Backup or UseStore.
// A layer's per-request defaults (timeout.WithTimeout,
// retry.WithRetryTimes, backup.WithURLs) reach a plain http.Client's
// requests over Transport, not the client's calls, whose Option values,
// defaults applied, win.
func WithLayers(m ...middleware.Middleware) ClientOption {
	return func(s *settings) {
		if len(m) > 0 && !slices.ContainsFunc(m, func(l middleware.Middleware) bool { return l != nil }) {
			return
		}
		s.layers, s.layersSet = m, true
	}
}

// WithInterceptors adds option-level interceptors, first outermost; nil
// ones are skipped.
func WithInterceptors(i ...Interceptor) ClientOption {
	return func(s *settings) {
		for _, f := range i {
			if f != nil {
				s.interceptors = append(s.interceptors, f)
			}
		}
	}
}

// WithEncoder registers a body encoder for a media type, e.g.
// "application/xml", replacing the built-in one if there is one. A nil e
// (or a nil encoders.EncoderFunc) changes nothing.
func WithEncoder(mediaType string, e encoders.Encoder) ClientOption {
	return func(s *settings) {
		if f, ok := e.(encoders.EncoderFunc); e == nil || ok && f == nil {
			return
		}
		if s.encoders == nil {
			s.encoders = map[string]encoders.Encoder{}
		}
		s.encoders[mediaType] = e
	}
}

// WithMaxResponseBytes bounds response bodies (default, and zero or negative:
// DefaultMaxResponseBytes, 8 MiB). A larger body is an error wrapping
// ErrResponseTooLarge.
func WithMaxResponseBytes(n int64) ClientOption { return func(s *settings) { s.maxBody = n } }

// WithMaxRequestBuffer bounds how much of an io.Reader body is buffered so
// that it can be replayed on a retry (default, and zero or negative:
// encoders.DefaultMaxBuffered, 8 MiB). A longer reader is streamed once and
// never retried.
func WithMaxRequestBuffer(n int64) ClientOption {
	return func(s *settings) { s.maxReqBuffer = n }
}

// WithCookieJar sets the jar that Option.Credentials governs. The default is
// a fresh net/http/cookiejar on the public suffix list for each explicit
// port, http's and https's default ports sharing one: a cookie one origin
// sets never reaches another port of its host (RFC 6265, and browsers,
// scope cookies by host alone), and a site keeps its cookies when it moves
// from http to https. A jar given here is used as it is.
func WithCookieJar(jar http.CookieJar) ClientOption { return func(s *settings) { s.jar = jar } }

// WithClock sets the clock used for JSONP callback names and cache-busters
// (default, and nil: time.Now). It does not reach the layers, which keep
// their own: give theirs with WithRetry(retry.WithClock(now)),
// WithBreaker(breaker.WithClock(now)), WithHTTPCache(httpcache.WithClock(now))
// and WithStore(st, store.WithClock(now)) (a store.Memory's expiry:
// store.WithMemoryClock).
func WithClock(now func() time.Time) ClientOption { return func(s *settings) { s.now = now } }

// WithRetryPerURL gives every backup URL its own RetryTimes budget instead
// of sharing the request's (jsonp-retry's behaviour, the default).
func WithRetryPerURL() ClientOption { return func(s *settings) { s.retryPerURL = true } }

// WithRetry configures the retry layer of the default stack, e.g.
// retry.WithBudget to throttle retries client-wide, or retry.WithBackoff.
// retry.WithRetryTimes and retry.WithBufferedBodies are for requests that
// carry no middleware.Settings (a plain http.Client's over Transport): a
// client's calls carry their Option's (RetryTimes 0 is 2 whatever the
// layer says). Set Option.RetryTimes, for every call with an interceptor.
func WithRetry(opts ...retry.Option) ClientOption {
	return func(s *settings) { s.retry = append(s.retry, opts...) }
}

// WithBackup configures the backup layer of the default stack, e.g.
// backup.WithCredentialsAcrossOrigins (the client's WithCredentialHeaders
// names reach the layer with each request). backup.WithURLs is for a
// plain http.Client's requests over Transport: a call's backups are its
// Option.Backup.
func WithBackup(opts ...backup.Option) ClientOption {
	return func(s *settings) { s.backup = append(s.backup, opts...) }
}

// WithBreaker configures the circuit breaker of the default stack.
func WithBreaker(opts ...breaker.Option) ClientOption {
	return func(s *settings) { s.breaker = append(s.breaker, opts...) }
}
