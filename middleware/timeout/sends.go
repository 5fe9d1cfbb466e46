package timeout

import (
	"context"
	"net/http"
	"net/http/httptrace"
	"sync/atomic"

	"github.com/taroreq/taroreq/middleware"
)

// maxSends is how many new connections an attempt of a request without a
// body lets its transport send it on (httptrace's GotConn, Reused false).
// net/http sends an idempotent request again on a new connection when a
// kept-alive one turns out closed (RFC 9110 §9.2.2) or an HTTP/2 one went
// away, a stream refused with REFUSED_STREAM (a server's stream limit, not
// processed) again on the connection it had, as often as it takes, and a
// transport of yours below this layer may send copies of its own (a
// hedging one, each copy on a new connection): eight leaves them room.
// net/http also sends it again, at once and without end, when the server
// resets each of its HTTP/2 streams with PROTOCOL_ERROR, a header it
// refuses say, and gives up each connection after it (hundreds of
// requests a second, until the attempt's deadline): the ninth new
// connection ends the attempt before it is sent on, with
// middleware.ErrResentTooOften, which the retry layer may retry or fail
// over. A request with a body is bounded where the transport takes the
// body anew (the retry layer's GetBody).
const maxSends = 8

// bodiless reports whether req has no body: net/http sends it again
// without asking anyone (no GetBody to bound).
func bodiless(req *http.Request) bool { return req.Body == nil || req.Body == http.NoBody }

// boundSends traces the attempt's sends: past maxSends new connections,
// the attempt is released (its context canceled) and resentTooOften
// reports it. The attempt answers httptrace's key with its own trace (see
// Value), made when a transport first asks for it: no context around the
// parent's on every request, nothing for a transport that never asks. Under a
// caller's own trace it takes httptrace's context, which calls both, and
// so it does when the probe found no key to answer (traceKey nil).
func (a *attempt) boundSends() {
	if traceKey == nil || httptrace.ContextClientTrace(a.parent) != nil {
		a.trace.GotConn = a.gotConn
		a.parent = httptrace.WithClientTrace(a.parent, &a.trace)
		return
	}
	a.ownTrace = true
}

// clientTrace is the attempt's own trace, for Value.
func (a *attempt) clientTrace() *httptrace.ClientTrace {
	a.mu.Lock()
	if a.trace.GotConn == nil {
		a.trace.GotConn = a.gotConn
	}
	a.mu.Unlock()
	return &a.trace
}

// traceKey is the key under which httptrace files a context's
// ClientTrace, read once by asking it of a context that records the key
// (httptrace keeps the key's type to itself). nil if it asked none: then
// no attempt answers it, and each takes httptrace's context instead.
var traceKey = func() (key any) {
	httptrace.ContextClientTrace(keyProbe{Context: context.Background(), key: &key})
	return key
}()

type keyProbe struct {
	context.Context
	key *any
}

func (p keyProbe) Value(k any) any {
	*p.key = k
	return nil
}

func (a *attempt) gotConn(info httptrace.GotConnInfo) {
	if !info.Reused && a.sends.Add(1) > maxSends {
		a.release()
	}
}

// resentTooOften reports whether the attempt ended because its transport
// would send it once more than maxSends.
func (a *attempt) resentTooOften() bool { return a.sends.Load() > maxSends }

// boundSendsOf is boundSends for a streamed attempt (see idle), whose
// context cancel ends with middleware.ErrResentTooOften as its cause: what
// net/http then returns.
func boundSendsOf(ctx context.Context, cancel context.CancelCauseFunc) context.Context {
	var sends atomic.Int32
	return httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		if !info.Reused && sends.Add(1) > maxSends {
			cancel(middleware.ErrResentTooOften)
		}
	}})
}

// sendUnbounded sends req, which has no body and no deadline (a Timeout of
// -1), with its sends bounded as an attempt's are: without it, net/http
// sends it again at once and without end, to a server resetting each HTTP/2
// stream with PROTOCOL_ERROR, until the caller's context ends (never, for a
// context without a deadline). It is an attempt without a deadline (one
// allocation, as a timed one), whose context ends with the answer's body.
func (t *transport) sendUnbounded(req *http.Request) (*http.Response, error) {
	a := newAttempt(req, 0)
	resp, err := middleware.RoundTrip(t.base, &a.req)
	if err != nil {
		resent := a.resentTooOften()
		a.release()
		if resent {
			return nil, middleware.ErrResentTooOften
		}
		return nil, err
	}
	if middleware.Switched(resp) || resp.Body == http.NoBody {
		// The connection is the caller's now (net/http no longer watches
		// the context, and the sends are over), or there is nothing left to
		// read: the exchange is over.
		a.release()
		return resp, nil
	}
	if _, buffered := resp.Body.(*middleware.BufferedBody); buffered {
		// Read whole below: the exchange is over, and the body is handed
		// on as it is, its Bytes the client takes without a copy.
		a.release()
		return resp, nil
	}
	a.rc = resp.Body
	resp.Body = a
	return resp, nil
}
