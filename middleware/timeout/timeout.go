// Package timeout bounds each attempt of a request, reading of the response
// body included: a server that sends its headers and then drips the body still
// times out. The deadline's timer and context are released when the body is
// closed (or when the attempt fails), never leaked.
package timeout

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/taroreq/taroreq/middleware"
)

// ErrExceeded is the cause of an attempt that ran past its deadline, what
// a layer below this one (the transport, tracing's attempt layer) sees. It
// matches context.DeadlineExceeded with errors.Is and says Timeout() true,
// as the deadline it is. The layer reports such an attempt as an *Error.
var ErrExceeded error = exceeded{}

type exceeded struct{}

func (exceeded) Error() string        { return "timeout" }
func (exceeded) Is(target error) bool { return target == context.DeadlineExceeded }
func (exceeded) Timeout() bool        { return true }
func (exceeded) Temporary() bool      { return true }

// DefaultTimeout is the per-attempt deadline of Taro.request.
const DefaultTimeout = 2 * time.Second

// Option configures the layer. A nil Option means the default.
// Options only set the configuration when it is built: one may be reused
// for several layers and passed between goroutines.
type Option func(*config)

type config struct{ timeout time.Duration }

// WithTimeout sets the deadline used when the request carries no
// middleware.Settings. Zero or negative means no deadline (where a
// client's Option.Timeout 0 means the default, 2s, and only a negative one
// none).
func WithTimeout(d time.Duration) Option { return func(c *config) { c.timeout = d } }

// New returns a RoundTripper that bounds every attempt through base. A nil
// base means http.DefaultTransport. The deadline is the request's
// Settings.Timeout when it carries Settings, else the configured one
// (DefaultTimeout unless WithTimeout says otherwise). It is safe for
// concurrent use.
func New(base http.RoundTripper, opts ...Option) http.RoundTripper {
	c := config{timeout: DefaultTimeout}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	return &transport{base: middleware.Base(base), timeout: c.timeout}
}

// Middleware is New as a middleware.Middleware.
func Middleware(opts ...Option) middleware.Middleware {
	return func(next http.RoundTripper) http.RoundTripper { return New(next, opts...) }
}

type transport struct {
	base    http.RoundTripper
	timeout time.Duration
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := middleware.CheckRequest(req); err != nil {
		return nil, err
	}
	d := t.timeout
	call := middleware.CallFrom(req.Context())
	if call != nil {
		call.Visit("timeout")
		d = call.Settings.Timeout
	}
	if d <= 0 {
		if bodiless(req) {
			return t.sendUnbounded(req)
		}
		if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil && req.Context().Done() != nil {
			r := *req // no deadline, but an abort must end a stalled body too
			closeBodyWhenDone(r.Context(), &r)
			req = &r
		}
		return t.base.RoundTrip(req)
	}
	if call != nil && call.Settings.Streaming {
		return t.idle(req, d, !call.Settings.HeadersTimeoutOnly)
	}
	a := newAttempt(req, d)
	body := closeBodyWhenDone(a, &a.req)
	resp, err := middleware.RoundTrip(t.base, &a.req)
	if err != nil {
		if a.resentTooOften() {
			err = middleware.ErrResentTooOften // the cancel that ended it is this layer's own
		} else {
			err = body.blame(explain(a, d, err, false))
		}
		a.release()
		return nil, err
	}
	if middleware.Switched(resp) {
		// The attempt ended with the switch: the connection is the
		// caller's, under no HTTP deadline (a WebSocket lives for hours).
		a.release()
		return resp, nil
	}
	a.rc = resp.Body
	resp.Body = a
	return resp, nil
}

// Error is an attempt that ran past its deadline. It matches both
// ErrExceeded and context.DeadlineExceeded with errors.Is. It is not
// modified once returned: safe to read from several goroutines.
type Error struct {
	Timeout time.Duration // the bound that was exceeded
	Idle    bool          // a streamed body sent nothing for Timeout (see idle.go)
	// BodyStalled says the caller's own request body was awaited when the
	// deadline came: its reader gave nothing, not the server. It then
	// matches middleware.ErrBodyStalled too.
	BodyStalled bool
	Err         error // what the transport or the body read returned
}

// Error says which bound was exceeded: the attempt's or a stream's idle one.
func (e *Error) Error() string {
	if e == nil {
		return "timeout: nil *timeout.Error"
	}
	if e.Idle {
		return fmt.Sprintf("timeout: stream idle for %v", e.Timeout)
	}
	if e.BodyStalled {
		return fmt.Sprintf("timeout: attempt exceeded %v waiting for the request body's reader", e.Timeout)
	}
	return fmt.Sprintf("timeout: attempt exceeded %v", e.Timeout)
}

// Unwrap returns Err.
func (e *Error) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// Is makes the error match ErrExceeded and context.DeadlineExceeded, and
// middleware.ErrBodyStalled when BodyStalled.
func (e *Error) Is(target error) bool {
	if e == nil {
		return false
	}
	return target == ErrExceeded || target == context.DeadlineExceeded || e.BodyStalled && target == middleware.ErrBodyStalled
}

// explain turns err into an *Error when this layer's deadline caused it;
// idle says the deadline was a streamed body's idle one.
func explain(ctx context.Context, d time.Duration, err error, idle bool) error {
	var te *Error
	if err == nil || errors.As(err, &te) || !errors.Is(context.Cause(ctx), ErrExceeded) {
		return err
	}
	if errors.Is(err, context.Canceled) {
		// net/http's HTTP/2 transport reports the cancel of a streamed
		// attempt's context (idle.go's cancel(ErrExceeded)) as
		// context.Canceled, where its HTTP/1 transport reports the
		// cause. Kept in the chain, this timeout would match the
		// caller's own cancel and read as an abort ("request:fail
		// abort", the CLI's exit 130): it is the cause, as HTTP/1 has it.
		err = context.Cause(ctx)
	}
	return &Error{Timeout: d, Idle: idle, Err: err}
}

// CloseIdleConnections closes the idle connections of the transport below,
// as http.Client.CloseIdleConnections asks of its Transport.
func (t *transport) CloseIdleConnections() { middleware.CloseIdleConnections(t.base) }

// Unwrap returns the transport below the layer, which the client and the
// store and HTTP cache layers look through to find a transport that tells
// its user by the connection (a TLS client certificate).
func (t *transport) Unwrap() http.RoundTripper { return t.base }
