package middleware

import "errors"

// ErrNoRetry marks a failure that retrying on the same URL cannot mend: an
// open circuit, a response that DataCheck rejected. Errors that match it
// with errors.Is are not retried by the retry layer; the backup layer moves
// on to the next URL at once.
var ErrNoRetry = errors.New("not retryable on the same URL")

// ErrNotSent marks a failure that proves the request never left: a layer
// refused it before any I/O (an open circuit). A POST, PATCH or CONNECT that
// failed so may be retried and failed over like an idempotent request.
var ErrNotSent = errors.New("request not sent")

// ErrUnreachable marks a failure that says the origin cannot be reached
// now, though nothing was sent this time: a circuit opened by its failures.
// A cache that answers stale when the origin is unreachable (RFC 9111
// §4.2.4) answers so then too.
var ErrUnreachable = errors.New("origin unreachable")

// ErrBodyStalled marks an attempt that ended while the caller's own
// request body was awaited: its reader (a pipe, an io.Reader of the
// caller's) gave nothing when the deadline came, not the server. A circuit
// breaker does not count it against the origin.
var ErrBodyStalled = errors.New("the request body's reader gave nothing")

// ErrResentTooOften matches an attempt that the transport below sent again
// by itself, and would again and again: net/http's HTTP/2 transport sends a
// request anew, at once and hundreds of times a second, when the server
// resets each of its streams with PROTOCOL_ERROR (a header it refuses), on
// a new connection each time, until the attempt's context ends. The retry
// layer lets it take a body anew twice in an attempt, the timeout layer
// lets a request without a body go on eight new connections; then the
// attempt fails with this error.
var ErrResentTooOften = errors.New("the transport sent the request again and again in one attempt, and would go on (a server refusing or resetting each stream)")

// ErrTooLarge matches a response body over the size bound, whichever layer
// (or the client) found it: client.ErrResponseTooLarge and
// datacheck.ErrTooLarge are this same error.
var ErrTooLarge = errors.New("response body exceeds the size bound")

// ErrNotCached matches an only-if-cached request that no cache answered,
// however it asked (Settings.Cache, a Cache-Control request header, a
// cache's default mode): httpcache.ErrNotCached is this same error.
var ErrNotCached = errors.New("httpcache: not in cache (only-if-cached)")

// NotCachedError is an only-if-cached request that no cache answered, and
// why. It matches ErrNotCached, and ErrNotSent and ErrNoRetry: nothing was
// sent, so no layer retries it, counts it against the origin, or answers
// it with stale stored data (store.Fallback); the backup layer tries the
// next URL, which is asked of the cache too. Detail says why (for the
// httpcache layer, one of its Detail... constants). It is not modified once
// returned: safe to read from several goroutines.
type NotCachedError struct {
	Detail string // why no entry could answer; "" says nothing more than ErrNotCached
}

// Error is ErrNotCached's text and the Detail.
func (e *NotCachedError) Error() string {
	if e == nil {
		return ErrNotCached.Error() + ": nil *middleware.NotCachedError"
	}
	return ErrNotCached.Error() + ": " + e.Detail
}

// Unwrap returns ErrNotCached.
func (e *NotCachedError) Unwrap() error { return ErrNotCached }

// Is matches ErrNotSent and ErrNoRetry.
func (e *NotCachedError) Is(target error) bool { return target == ErrNotSent || target == ErrNoRetry }
