// Package breaker is a circuit breaker layer on github.com/sony/gobreaker/v2,
// one breaker per origin by default. A circuit with nothing to remember
// (closed, no consecutive failure, no request under way) is dropped after
// an idle timeout (WithIdleTimeout), so that a client meeting many origins
// keeps circuits only for its recent ones.
//
// Transport errors, timeouts and 5xx responses count as failures; 4xx, the
// caller's own cancellations, a timeout while the caller's own request
// body reader gave nothing (middleware.ErrBodyStalled), a layer's refusal
// to send (middleware.ErrNotSent) and net/http's refusal of a malformed request (an
// invalid header, an unsupported scheme) do not. The outcome of a response is known
// only when its body has been read (a timeout while reading it is a
// failure), so the layer uses gobreaker's two-step breaker and reports when
// the body ends (a redirect a client's call follows, whose body the retry
// layer drops unread, is judged by its answer); a stream
// (Settings.Streaming, an event stream, a switched connection), which may
// last hours, is judged by its answer alone, so that a half-open circuit's
// probe never holds the origin refused while it lasts. While a circuit is
// open the layer fails fast with an
// *OpenError, no I/O: it matches ErrOpen, middleware.ErrNoRetry and
// middleware.ErrNotSent, so the retry layer does not retry it and the backup
// layer moves on at once, whatever the method.
package breaker

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sony/gobreaker/v2"

	"github.com/taroreq/taroreq/middleware"
)

// ErrOpen matches a request refused because its circuit is open (or
// half-open and already probing).
var ErrOpen = errors.New("breaker: circuit open")

// OpenError is a request refused by an open circuit, before any I/O. It is
// not modified once returned: safe to read from several goroutines.
type OpenError struct {
	Key string // the circuit, by default the origin
	Err error  // gobreaker.ErrOpenState or gobreaker.ErrTooManyRequests
}

// Error names the open circuit's Key.
func (e *OpenError) Error() string {
	if e == nil {
		return "breaker: circuit open (nil *breaker.OpenError)"
	}
	return "breaker: circuit open for " + e.Key
}

// Unwrap returns gobreaker's error.
func (e *OpenError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// Is matches ErrOpen, middleware.ErrNoRetry, middleware.ErrNotSent and
// middleware.ErrUnreachable (the HTTP cache answers stale then, as when the
// origin refuses connections).
func (e *OpenError) Is(target error) bool {
	return target == ErrOpen || target == middleware.ErrNoRetry || target == middleware.ErrNotSent ||
		target == middleware.ErrUnreachable
}

// State is a circuit's state (gobreaker's): an integer, a plain value safe
// to share.
type State = gobreaker.State

// New returns a RoundTripper that guards base with a circuit breaker per key.
// A nil base means http.DefaultTransport. It is safe for concurrent use.
func New(base http.RoundTripper, opts ...Option) http.RoundTripper {
	c := defaults()
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	return &transport{base: middleware.Base(base), config: c, byOrigin: c.key == nil, lastSweep: c.now()}
}

// Middleware is New as a middleware.Middleware.
func Middleware(opts ...Option) middleware.Middleware {
	return func(next http.RoundTripper) http.RoundTripper { return New(next, opts...) }
}

type transport struct {
	base http.RoundTripper
	config
	// breakers maps a key to its *entry; the sync.Map keeps the hot path
	// free of a shared lock. Circuits idle for the idle timeout are evicted
	// (see sweep), so that a client meeting many origins over its life
	// holds only those of its recent ones.
	breakers sync.Map
	// byOrigin is true with the default key; last then remembers the
	// circuit of the latest origin, so that a client talking to one origin
	// builds no key string per request.
	byOrigin bool
	last     atomic.Pointer[lastOrigin]

	mu        sync.Mutex // guards lastSweep
	lastSweep time.Time
}

type lastOrigin struct {
	scheme, host, key string
	e                 *entry
}

// circuitFor returns req's key and circuit entry.
func (t *transport) circuitFor(req *http.Request) (string, *entry) {
	if !t.byOrigin {
		key := t.key(req)
		return key, t.circuit(key)
	}
	if l := t.last.Load(); l != nil && l.scheme == req.URL.Scheme && l.host == req.URL.Host && !l.e.dead.Load() {
		l.e.touch()
		return l.key, l.e
	}
	key := originKey(req)
	e := t.circuit(key)
	t.last.Store(&lastOrigin{scheme: req.URL.Scheme, host: req.URL.Host, key: key, e: e})
	return key, e
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := middleware.CheckRequest(req); err != nil {
		return nil, err
	}
	call := middleware.CallFrom(req.Context())
	call.Visit("breaker")
	key, e := t.circuitFor(req)
	done, err := e.cb.Allow()
	if err != nil {
		oe := &OpenError{Key: key, Err: err}
		call.AddEventURL(middleware.EventBreakerOpen, req.URL, oe)
		call.AddSent()                   // an attempt refused without I/O counts as one sent (a retry layer above counted it already)
		middleware.CloseRequestBody(req) // not sent on: closed here, as the contract asks
		return nil, oe
	}
	e.inflight.Add(1)
	panicked := true
	defer func() {
		if panicked {
			// A panic below (a layer or transport of the user's): nothing
			// learned of the server, and the request is no longer under
			// way. Unreported, a half-open circuit's probe slot would be
			// held for ever, refusing every request to the origin.
			done(errCanceled)
			e.inflight.Add(-1)
		}
	}()
	resp, err := middleware.RoundTrip(t.base, req)
	panicked = false
	if err != nil || t.failed(resp, nil) {
		done(t.outcome(req, resp, err))
		e.inflight.Add(-1)
		return resp, err
	}
	if call != nil && call.Settings.Streaming || (call == nil || !call.Settings.Buffered) && middleware.Streamed(resp) {
		// A stream (events, a download, a switched connection) may
		// last hours: judged by its answer, not by its end, so that a
		// half-open circuit's probe does not hold every other request
		// to the origin refused for as long as it lasts. (A Buffered
		// call's body is read whole by the layer above at once.)
		done(nil)
		e.inflight.Add(-1)
		return resp, nil
	}
	if call != nil && call.Settings.Buffered && middleware.Redirected(req, resp) {
		// A redirect a client's call follows: the retry layer drops its
		// body unread, as fetch does, so one cut short or badly chunked
		// is not a failure of the origin (the hop is judged on its own).
		done(nil)
		e.inflight.Add(-1)
		return resp, nil
	}
	resp.Body = &body{rc: resp.Body, ctx: req.Context(), done: done, e: e, resp: resp, failed: t.failed}
	return resp, nil
}

// outcome is what the breaker is told about a finished attempt: nil for a
// success, errCanceled for the caller's own cancellation or a refusal to
// send (excluded), else a failure.
func (t *transport) outcome(req *http.Request, resp *http.Response, err error) error {
	if err != nil && (req.Context().Err() != nil || errors.Is(err, middleware.ErrNotSent) || middleware.RefusedToSend(err) ||
		errors.Is(err, middleware.ErrBodyStalled)) {
		// The caller gave up, or a layer below refused to send (another
		// circuit open, only-if-cached), or net/http did (the request
		// was malformed), or the attempt ended waiting for the caller's
		// own body reader: nothing learned of the server.
		return errCanceled
	}
	if t.failed(resp, err) {
		if err == nil {
			err = fmt.Errorf("status %d", resp.StatusCode)
		}
		return err
	}
	return nil
}

// errCanceled is reported when the caller cancelled or its deadline passed,
// which says nothing of the server's health.
var errCanceled = errors.New("breaker: canceled by the caller")

// originKey is the default key: scheme://host, lower-cased.
func originKey(req *http.Request) string {
	return strings.ToLower(req.URL.Scheme + "://" + req.URL.Host)
}

// defaultFailed counts errors and 5xx as failures.
func defaultFailed(resp *http.Response, err error) bool {
	return err != nil || resp.StatusCode >= 500
}

// CloseIdleConnections closes the idle connections of the transport below,
// as http.Client.CloseIdleConnections asks of its Transport.
func (t *transport) CloseIdleConnections() { middleware.CloseIdleConnections(t.base) }

// Unwrap returns the transport below the layer, which the client and the
// store and HTTP cache layers look through to find a transport that tells
// its user by the connection (a TLS client certificate).
func (t *transport) Unwrap() http.RoundTripper { return t.base }
