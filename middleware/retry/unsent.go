package retry

import (
	"io"
	"net/http"
	"net/http/httptrace"
	"sync/atomic"

	"github.com/taroreq/taroreq/middleware"
)

// connTrace records, through net/http's client trace, whether an attempt's
// transport began to get a connection (GetConn) and whether it got one
// (GotConn, which net/http calls before it writes a byte of the request,
// HTTP/2 included). An attempt that failed in between was never sent: the
// connect or the TLS handshake did not finish, or its timeout ended them
// (the error is then the context's, not a dial error). A transport that
// reports neither proves nothing.
//
// It also bounds how often the transport, inside the attempt, takes the
// body anew (GetBody) to send the request again by itself. net/http does
// so for an HTTP/2 stream refused with REFUSED_STREAM or left out by a
// GOAWAY (not processed, RFC 9113 §8.7), but also, at once and again and
// again, hundreds of times a second until the context ends, for a stream
// the server reset with PROTOCOL_ERROR, which may have been processed:
// maxResends times in an attempt, not once more
// (middleware.ErrResentTooOften). Such a send proves nothing unsent: the
// trace cannot tell the two apart, so an attempt whose timeout ends while
// the transport waits to send again counts as maybe sent (a POST is not
// sent again).
type connTrace struct {
	getting, got atomic.Bool
	resends      atomic.Int32
}

// maxResends is how many times an attempt lets its transport take the body
// anew to send the request again by itself: twice covers a stream refused
// twice, net/http's wait of a second included (its HTTP/2 transport takes
// it once more to open a new connection after a PROTOCOL_ERROR).
const maxResends = 2

func (c *connTrace) install(r *http.Request) *http.Request {
	r = r.WithContext(httptrace.WithClientTrace(r.Context(), &httptrace.ClientTrace{
		GetConn: func(string) { c.getting.Store(true) },
		GotConn: func(httptrace.GotConnInfo) { c.got.Store(true) },
	}))
	boundGetBody(r, &c.resends)
	return r
}

// boundResends holds a request that is not traced (it may be sent again
// anyway: idempotent, marked so, or with an Idempotency-Key) to the same
// maxResends in an attempt, so that a server resetting each stream with
// PROTOCOL_ERROR does not get it hundreds of times a second: the attempt
// fails with middleware.ErrResentTooOften, and is retried or failed over.
// A request without a body is left to the timeout layer, which counts its
// sends (net/http sends it again without GetBody: nothing here sees it).
func boundResends(r *http.Request) *http.Request {
	if r.GetBody == nil {
		return r
	}
	r = r.WithContext(r.Context()) // a copy: the caller's request is not ours to change
	boundGetBody(r, new(atomic.Int32))
	return r
}

// boundGetBody makes r's GetBody, if any, fail with
// middleware.ErrResentTooOften once resends counts past maxResends. r is
// the attempt's own copy.
func boundGetBody(r *http.Request, resends *atomic.Int32) {
	getBody := r.GetBody
	if getBody == nil {
		return
	}
	r.GetBody = func() (io.ReadCloser, error) {
		if resends.Add(1) > maxResends {
			return nil, middleware.ErrResentTooOften
		}
		return getBody()
	}
}

func (c *connTrace) unsent() bool {
	return c != nil && c.getting.Load() && !c.got.Load()
}

// unsentError is the error of an attempt that never had a connection:
// notSent (MaySendAgain) knows it, so that the request may be retried and
// failed over whatever its method. It does not match middleware.ErrNotSent,
// a layer's refusal to send: the origin could not be reached, which a
// circuit breaker above this layer counts as it counts a dial error.
type unsentError struct{ err error }

func (e *unsentError) Error() string { return e.err.Error() }
func (e *unsentError) Unwrap() error { return e.err }
