package retry

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/taroreq/taroreq/middleware"
)

// New returns a RoundTripper that retries failed attempts through base. A nil
// base means http.DefaultTransport. It is safe for concurrent use.
func New(base http.RoundTripper, opts ...Option) http.RoundTripper {
	c := defaults()
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	c.fillDefaults()
	return &transport{base: middleware.Base(base), config: c}
}

// Middleware is New as a middleware.Middleware.
func Middleware(opts ...Option) middleware.Middleware {
	return func(next http.RoundTripper) http.RoundTripper { return New(next, opts...) }
}

// Failed reports whether an attempt failed in a way worth another try
// elsewhere or later: an error, a 429 or a 5xx but 501. The backup layer
// uses it to decide that a URL failed.
func Failed(resp *http.Response, err error) bool {
	if err != nil {
		return true
	}
	return resp.StatusCode == http.StatusTooManyRequests ||
		(resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented)
}

type transport struct {
	base http.RoundTripper
	config
}

// budget is one request's retries: the Call's shared one, or a local count.
type budget struct {
	call *middleware.Call
	n    int // retries left, without a Call
}

// left reports whether take would find a retry left, without taking it.
func (b *budget) left() bool {
	if b.call != nil {
		return b.call.RetryLeft()
	}
	return b.n > 0
}

func (b *budget) take() bool {
	if b.call != nil {
		return b.call.TakeRetry()
	}
	if b.n <= 0 {
		return false
	}
	b.n--
	return true
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := middleware.CheckRequest(req); err != nil {
		return nil, err
	}
	ctx := req.Context()
	call := middleware.CallFrom(ctx)
	call.Visit("retry")
	retries := budget{call: call, n: t.retryTimes}
	buffer, limit := t.buffer, t.bufferLimit
	if call != nil {
		buffer, limit = call.Settings.Buffered, call.Settings.BodyLimit()
	}
	checks := call != nil && call.Settings.AttemptCheck != nil
	stream := call != nil && call.Settings.Streaming && !buffer
	r := req
	// A request that may be sent again only if surely unsent learns from
	// the transport whether an attempt that failed ever had a connection.
	traced := !MaySendAgain(req, nil)
	var earlier []error // the failed attempts before this one, for an *Error
	for attempt := 1; ; attempt++ {
		call.AddAttempt()
		var conn *connTrace
		if traced {
			conn = new(connTrace)
			r = conn.install(r)
		} else {
			r = boundResends(r)
		}
		resp, err := middleware.RoundTrip(t.base, r)
		if err != nil && conn.unsent() {
			err = &unsentError{err}
		}
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		// A checked answer whose status is retried (a 5xx, a 429) or fails
		// the check (JSONP's: not a 2xx) is not announced to the Task's
		// listeners as it is read: as an unchecked 5xx, it is heard only if
		// it stands, once no attempt follows.
		var unheard *http.Response
		hear := func() {
			if unheard != nil {
				call.HeadersReceived(unheard)
				unheard = nil
			}
		}
		asked, retry := false, false // the policy asked of a 2xx before its check
		if checks && err == nil && !middleware.Redirected(r, resp) {
			// Every answer is read and checked (JSONP's rule); a
			// redirect is a step on the way to one.
			if resp.StatusCode/100 == 2 {
				asked, retry = true, t.shouldRetry(ctx, req, resp, nil)
			}
			if !asked || retry {
				unheard = resp
			}
			resp, err = checkAttempt(call, resp, r, limit, unheard == nil)
		}
		if !asked || err != nil {
			// A check that accepted the answer leaves it as the policy
			// saw it: the policy is asked once per answer (one of yours
			// that counts sees each once).
			retry = t.shouldRetry(ctx, req, resp, err)
		}
		if !retry && err == nil && call != nil && (buffer || stream) && middleware.Redirected(r, resp) {
			// A redirect the client follows: fetch never reads its body,
			// so one cut short, badly chunked or stalled neither fails
			// the attempt nor holds it (a bounded drain keeps the
			// connection when it can).
			middleware.Discard(resp)
			resp.Body, resp.ContentLength = http.NoBody, 0
			if resp.Header.Get("Content-Length") != "" {
				// Said of the body dropped. (A copy: the header may be
				// another's, a cache's below.)
				resp.Header = resp.Header.Clone()
				resp.Header.Del("Content-Length")
			}
			t.budget.success()
			return resp, nil
		}
		if !retry && buffer && !checks && err == nil {
			// The answer, unless its body fails to arrive whole: read it
			// now, under this attempt's timeout.
			if resp, err = readBody(call, resp, r, limit); err != nil {
				retry = t.shouldRetry(ctx, req, nil, err)
			}
		}
		var sb *streamBody
		if !retry && stream && !checks && err == nil {
			// Retried until the first byte arrives (see stream.go).
			if sb, err = firstByte(call, resp, r); err != nil {
				resp, retry = nil, t.shouldRetry(ctx, req, nil, err)
			}
		}
		if !retry {
			hear()
			if err == nil {
				t.budget.success()
				if stream {
					t.commit(req, resp, sb, retries, attempt)
				}
			} else if call != nil && len(earlier) > 0 && errors.Is(err, context.DeadlineExceeded) && errors.Is(ctx.Err(), context.DeadlineExceeded) {
				// The caller's deadline ended a retry: say what the
				// attempts before it ran into, as a budget spent does.
				// (A plain http.Client keeps the context's own error,
				// which its url.Error reads as a timeout.)
				if resp != nil {
					keepLast(call, r, resp, buffer, limit)
				}
				return nil, &Error{Kind: ErrDeadline, Attempts: attempt, StatusCode: status, Err: err, Earlier: earlier}
			}
			return resp, err
		}
		t.budget.failure()
		stop := func(kind error, wait time.Duration, fromHeader bool) (*http.Response, error) {
			hear()
			if resp != nil && call == nil {
				// No client to tell why the retries stopped (a plain
				// http.Client): the response obtained is the answer, as
				// the RoundTripper contract asks.
				if buffer {
					return readBody(call, resp, r, limit)
				}
				return resp, nil
			}
			e := &Error{Kind: kind, Attempts: attempt, Wait: wait, RetryAfter: fromHeader, StatusCode: status, Err: err,
				Earlier: earlier}
			if resp != nil {
				keepLast(call, r, resp, buffer, limit)
			}
			return nil, e
		}
		exhausted := func() (*http.Response, error) {
			hear()
			if err == nil && stream && !checks {
				// This URL's answer, standing or failed over from by a
				// layer above: heard as a buffered one is (readBody, below),
				// before its body is read.
				call.HeadersReceived(resp)
			}
			if err == nil && buffer && !checks {
				// The caller keeps the last status and body, read whole.
				if resp, err = readBody(call, resp, r, limit); errors.Is(err, middleware.ErrTooLarge) {
					return nil, err
				}
			}
			if err == nil {
				return resp, nil // the caller keeps the last status and body
			}
			return stop(ErrExhausted, 0, false)
		}
		if !t.budget.allow() || !retries.left() {
			return exhausted()
		}
		// Only a retry that would be made needs the body again: with none
		// left (NoRetry), the answer stands as for any request.
		if req.GetBody == nil && req.Body != nil && req.Body != http.NoBody {
			return stop(ErrNotReplayable, 0, false)
		}
		// A retry refused below is not taken from the budget the backups
		// share: they get what this URL did not use.
		wait, fromHeader := t.waitFor(attempt, resp)
		if fromHeader && wait > t.maxRetryAfter {
			return stop(ErrRetryAfter, wait, true)
		}
		if dl, ok := ctx.Deadline(); ok && !t.now().Add(wait).Before(dl) {
			return stop(ErrDeadline, wait, fromHeader)
		}
		// The body of the next attempt, made before the answer in hand
		// is let go: when it cannot be, that answer stands.
		next, rerr := rewind(req)
		if rerr != nil {
			if err == nil {
				err = rerr
			} else {
				err = fmt.Errorf("%w; GetBody: %w", err, rerr)
			}
			return stop(ErrNotReplayable, 0, false)
		}
		if !retries.take() {
			middleware.CloseRequestBody(next)
			return exhausted() // another attempt of the call took the last one meanwhile
		}
		cause := retryCause(resp, err)
		if cause != nil && len(earlier) < maxEarlier {
			earlier = append(earlier, cause)
		}
		call.AddEventURL(middleware.EventRetry, req.URL, cause)
		if resp != nil {
			// The last response that arrived, should the wait or the
			// next attempt end the request (a cancel, an Abort, a
			// timeout).
			keepLast(call, r, resp, buffer, limit)
		}
		if werr := t.wait(ctx, wait); werr != nil {
			middleware.CloseRequestBody(next)
			return nil, werr
		}
		r = next
	}
}

// keepLast records resp on the Call as the last response that arrived and
// releases it. A call that reads bodies whole (buffer) keeps its body too
// when it arrives whole within the drain's bounds and limit: the call's
// error then comes with the answer's data, not its status alone.
func keepLast(call *middleware.Call, r *http.Request, resp *http.Response, buffer bool, limit int64) {
	if call == nil || !buffer {
		call.SetLastFrom(r, resp)
		middleware.Discard(resp)
		return
	}
	body := middleware.DiscardKeeping(resp, limit)
	call.SetLast(middleware.LastResponse{StatusCode: resp.StatusCode, Header: resp.Header, URL: r.URL.String(), Body: body})
}

// retryCause names why an attempt is retried, for the Call's events.
func retryCause(resp *http.Response, err error) error {
	if err != nil || resp == nil {
		return err
	}
	return fmt.Errorf("status %d", resp.StatusCode)
}

// shouldRetry applies the method-safety rule and ErrNoRetry on top of the
// policy.
func (t *transport) shouldRetry(ctx context.Context, req *http.Request, resp *http.Response, err error) bool {
	if err != nil && (errors.Is(err, middleware.ErrNoRetry) || errors.Is(err, middleware.ErrTooLarge) || badCoding(err)) {
		return false // a body over the bound would be as large again, one in the wrong coding wrong again
	}
	if err != nil && (unwritableTarget(req) || lengthWithoutBody(req)) {
		// net/http writes no such target, nor a length it has no body
		// for. It says so as it writes the request, but may lose that to
		// the read of the connection it closes ("use of closed network
		// connection"): the request fails so again, whatever the error
		// says.
		return false
	}
	ok, _ := t.policy(ctx, resp, err)
	if !ok {
		return false
	}
	return MaySendAgain(req, err)
}

// MaySendAgain is the method-safety rule of retries, which the backup layer
// applies to failover too: after an attempt that ended with err (nil when a
// response came back), req may be sent again, here or to another URL, if its
// method is idempotent, if it carries an Idempotency-Key header or
// middleware.Settings.Idempotent, or if err proves that it never reached the
// server. A POST, PATCH or CONNECT that may have been applied is not sent a
// second time.
func MaySendAgain(req *http.Request, err error) bool {
	if middleware.IsIdempotent(req.Method) || req.Header.Get("Idempotency-Key") != "" {
		return true
	}
	if call := middleware.CallFrom(req.Context()); call != nil && call.Settings.Idempotent {
		return true
	}
	return err != nil && notSent(err)
}

// notSent reports whether err proves the request never reached the server:
// the connection could not be made (a dial error, or an attempt that ended
// while its transport was still getting a connection: unsentError), or a
// layer refused it before any I/O (middleware.ErrNotSent, e.g. an open
// circuit).
func notSent(err error) bool {
	var unsent *unsentError
	if errors.Is(err, middleware.ErrNotSent) || errors.As(err, &unsent) {
		return true
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}

// waitFor returns the wait before the next attempt, jittered, and whether
// it came from Retry-After.
func (t *transport) waitFor(attempt int, resp *http.Response) (time.Duration, bool) {
	if d, ok := retryAfter(resp, t.now()); ok {
		if d > t.maxRetryAfter {
			return d, true // refused: no jitter, which could overflow
		}
		// Never earlier than asked; up to 10% later (within the cap) so that
		// callers told the same time do not all come back at once.
		return min(d+time.Duration(t.rand()*float64(d)/10), t.maxRetryAfter), true
	}
	d := max(t.backoff(t.minWait, t.maxWait, attempt-1, nil), 0)
	// Equal jitter: half fixed, half random.
	return d/2 + time.Duration(t.rand()*float64(d/2)), false
}

// rewind returns a copy of req with a fresh body for another attempt; the
// caller's request is not modified.
func rewind(req *http.Request) (*http.Request, error) {
	r := new(http.Request)
	*r = *req
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		r.Body = body
	}
	return r, nil
}

// CloseIdleConnections closes the idle connections of the transport below,
// as http.Client.CloseIdleConnections asks of its Transport.
func (t *transport) CloseIdleConnections() { middleware.CloseIdleConnections(t.base) }

// Unwrap returns the transport below the layer, which the client and the
// store and HTTP cache layers look through to find a transport that tells
// its user by the connection (a TLS client certificate).
func (t *transport) Unwrap() http.RoundTripper { return t.base }
