package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
)

// DefaultReconnect is the wait before an event stream reconnects until the
// server sets another with a retry field.
const DefaultReconnect = 3 * time.Second

// ErrNotEventStream: the answer to Events was not a 200 text/event-stream.
var ErrNotEventStream = errors.New("not an event stream")

// Events sends opt as a Server-Sent Events request (Accept:
// text/event-stream, EnableChunked) and yields its events as they arrive,
// through the client's whole stack: each connection is a request, so the
// retry layer retries a connection that fails before the first byte, the
// breaker and tracing see every attempt, interceptors every connection.
//
// When the stream ends or breaks, Events waits for the reconnection time
// (DefaultReconnect, or what the server's last retry field said) and
// connects again with Last-Event-ID set to the last event ID: that of the
// last event a blank line dispatched (an event cut off by the break, never
// yielded, leaves it as it was, so a server that replays sends it). It gives
// up, yielding the error, when a connection and the RetryTimes
// reconnections after it in a row brought no event (RetryTimes 0 means 2;
// NoRetry means no reconnection), when a
// connection fails (after its retries), or on an answer that is not a 200
// text/event-stream (ErrNotEventStream). A 204 ends the sequence quietly:
// the server's way to say stop. A POST or PATCH that is not Idempotent and
// has no Idempotency-Key is not sent again: its stream ends with its
// connection, quietly on a clean end, with the error on a break. A cancelled ctx ends it with ctx's error;
// a reconnection wait that would end past ctx's deadline is not begun: the
// sequence ends at once with an error matching retry.ErrDeadline and
// context.DeadlineExceeded that names the wait.
// Breaking out of the loop closes the connection. The Option's Success,
// Fail and Complete run once for the whole sequence, when it ends: Fail
// with the error it ended with (a loop body that panics ends it with an
// error too, the panic going on), else Success (a 204, the caller's
// break), then Complete, each with the last connection's Response.
//
// Timeout 0 bounds each connection's wait for the headers by the default
// Timeout and sets no idle timeout after them (an event stream may be
// silent for long; set a Timeout longer than the server's keep-alive
// interval to detect a dead connection: it then bounds both); a negative
// Timeout bounds neither. An interceptor sees the default as 2 s: setting
// another value makes it bound both too (setting 2 s leaves it as it
// was). Each event's data is bounded by the client's response
// size (WithMaxResponseBytes): an event over it ends the sequence with
// ErrResponseTooLarge; the stream is not bounded.
func (c *Client) Events(ctx context.Context, opt Option) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		opt := opt // each range of the sequence is a request of its own, callbacks included
		// "accept" is the caller's Accept, not a name beside it.
		h := canonicalCopy(opt.Header)
		if h.Get("Accept") == "" {
			h.Set("Accept", "text/event-stream")
		}
		h.Set("Cache-Control", "no-cache")
		opt.Header, opt.EnableChunked = h, true
		if opt.Timeout == 0 {
			opt.headersTimeoutOnly = true // the default Timeout bounds the wait for the headers only
		}
		tries := opt.RetryTimes
		switch {
		case tries == 0:
			tries = 2
		case tries < 0:
			tries = 0
		}
		// The callbacks are the sequence's, not each connection's: one of
		// Success or Fail, then Complete, once it ends.
		cb := opt
		opt.Success, opt.Fail, opt.Complete = nil, nil, nil
		s := eventStream{c: c, opt: opt, delay: DefaultReconnect}
		s.lastID, s.opt.Header = takeLastEventID(opt.Header)
		yield = s.recordFinal(yield)
		defer s.report(&cb)
		if bad := c.unusable(ctx); bad != nil {
			yield(Event{}, s.fail(bad))
			return
		}
		// Every connection sends the same body, an io.Reader's included.
		ctx := withReaderBodies(ctx)
		resend := mayResend(opt)
		for fails := 0; ; {
			got, err := s.connect(ctx, yield)
			switch {
			case err == errStop:
				return
			case !resend:
				// A POST or PATCH that reached the server is not sent
				// again (the retry rule): another connection would run it
				// again (an LLM completion, an order). The stream ends with
				// its connection: a clean end is the sequence's, a break
				// its error.
				if err != errEnded {
					yield(Event{}, s.failWrapped(err, func(err error) error {
						return fmt.Errorf("event stream: a %s is not sent again (set Idempotent or an Idempotency-Key to reconnect): %w",
							upperASCII(MethodText(opt.Method)), err)
					}))
				}
				return
			case got:
				fails = 0
			default:
				fails++
			}
			if ctx.Err() != nil {
				cause := context.Cause(ctx)
				yield(Event{}, s.failWrapped(err, func(err error) error {
					if errors.Is(err, cause) {
						return err // the read that met the ctx's end says so already
					}
					return fmt.Errorf("%w: %w", cause, err)
				}))
				return
			}
			if fails > tries {
				yield(Event{}, s.failWrapped(err, func(err error) error {
					return fmt.Errorf("event stream: %s in a row brought no event: %w", connections(fails), err)
				}))
				return
			}
			if dl, ok := ctx.Deadline(); ok && !time.Now().Add(s.delay).Before(dl) {
				// A wait that cannot end before the caller's deadline is
				// not begun, as the retry layer's (the retry rule).
				yield(Event{}, s.fail(fmt.Errorf("event stream: reconnection wait %v: %w: %w", s.delay, retry.ErrDeadline, context.DeadlineExceeded)))
				return
			}
			t := time.NewTimer(s.delay)
			select {
			case <-ctx.Done():
				t.Stop()
				yield(Event{}, s.fail(context.Cause(ctx)))
				return
			case <-t.C:
			}
		}
	}
}

// takeLastEventID returns the Last-Event-ID a caller set to resume a
// stream, which starts the event source's last event ID, and h without it:
// every connection sends the event source's own, none after the server
// cleared it.
// canonicalCopy is a copy of h with every name in its canonical form, the
// values of two spellings of one name under it in the byte order of the
// spellings, as the request sends them (header).
func canonicalCopy(h http.Header) http.Header {
	out := make(http.Header, len(h)+2)
	for _, k := range slices.Sorted(maps.Keys(h)) {
		ck := http.CanonicalHeaderKey(k)
		out[ck] = append(out[ck], h[k]...)
	}
	return out
}

func takeLastEventID(h http.Header) (string, http.Header) {
	id, found := "", false
	for k, vs := range h {
		if strings.EqualFold(k, "Last-Event-ID") {
			if !found && len(vs) > 0 {
				id = vs[0]
			}
			if !found {
				h, found = h.Clone(), true // the caller's is not ours to change
			}
			delete(h, k)
		}
	}
	return id, h
}

// errStop ends the sequence: the caller broke out, a final error was
// yielded, or the server said 204.
var errStop = errors.New("stop")

var errEnded = errors.New("the server ended the stream")

type eventStream struct {
	c      *Client
	opt    Option
	lastID string
	delay  time.Duration
	last   *Response // the last connection's, without its body
	final  error     // the error that ended the sequence, if one did
	// inBody is set while the caller's loop body runs: still set when the
	// sequence ends, the body panicked (or called runtime.Goexit) instead
	// of returning or breaking out.
	inBody bool
}

// errLoopBody ends a sequence whose loop body panicked or called
// runtime.Goexit: not a break, so not a Success.
var errLoopBody = errors.New("event stream: the loop body did not return (a panic or runtime.Goexit)")

// recordFinal wraps yield to keep the error it is given: the sequence's
// last, which ends it.
func (s *eventStream) recordFinal(yield func(Event, error) bool) func(Event, error) bool {
	return func(ev Event, err error) bool {
		if err != nil {
			s.final = err
		}
		s.inBody = true
		ok := yield(ev, err)
		s.inBody = false
		return ok
	}
}

// report runs the Option's callbacks for the whole sequence: Fail with the
// error that ended it, else Success (a 204, the caller's break), then
// Complete, with the last connection's Response.
func (s *eventStream) report(cb *Option) {
	if cb.Success == nil && cb.Fail == nil && cb.Complete == nil {
		return
	}
	if s.inBody && s.final == nil {
		s.final = s.fail(errLoopBody)
	}
	resp := new(Response)
	if s.last != nil {
		*resp = *s.last
	}
	resp.ErrMsg = errMsg(s.final)
	report(cb, resp, s.final)
}

func (s *eventStream) fail(err error) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return s.c.fail(&s.opt, err)
}

// failWrapped is s.fail of wrap(err), an *Error itself, as every error of
// a call is: when err is a connection's *Error (a read of its body that
// failed), wrap is applied to its cause, not around it.
func (s *eventStream) failWrapped(err error, wrap func(error) error) error {
	if e, ok := err.(*Error); ok {
		cp := *e // an *Error is not modified once returned
		cp.Err = wrap(e.Err)
		return &cp
	}
	return s.fail(wrap(err))
}

// connect makes one connection and yields its events; got says whether
// any came. err is why the stream ended, errStop to end the sequence.
func (s *eventStream) connect(ctx context.Context, yield func(Event, error) bool) (got bool, err error) {
	opt := s.opt
	if s.lastID != "" {
		opt.Header = opt.Header.Clone()
		opt.Header.Set("Last-Event-ID", s.lastID)
	}
	resp, err := s.c.Request(ctx, opt)
	last := *resp
	last.Body = nil // read here, not the callbacks'
	s.last = &last
	if err != nil {
		yield(Event{}, err)
		return false, errStop
	}
	body := resp.Body
	if body == nil {
		body = http.NoBody // an interceptor answered without one
	}
	defer body.Close()
	switch {
	case resp.StatusCode == http.StatusNoContent:
		return false, errStop
	case resp.StatusCode != http.StatusOK || !IsEventStream(resp.Header.Get("Content-Type")):
		yield(Event{}, s.fail(fmt.Errorf("%w: status %d, Content-Type %q", ErrNotEventStream,
			resp.StatusCode, resp.Header.Get("Content-Type"))))
		return false, errStop
	}
	p := newEventParser(body, int(s.c.maxBody))
	p.startFrom(s.lastID)
	for {
		ev, err := p.next()
		if p.reconnectSet {
			s.delay = p.reconnect // a retry field without an event counts too; 0 too
		}
		if err != nil {
			s.lastID = p.lastID // an id dispatched without data still counts; a cut event's does not
			if errors.Is(err, ErrResponseTooLarge) {
				// The client's bound, not the connection, refused it:
				// another connection would bring the same event again.
				yield(Event{}, s.fail(err))
				return got, errStop
			}
			if err == io.EOF {
				err = errEnded
			}
			return got, err
		}
		s.lastID, got = ev.ID, true
		if !yield(ev, nil) {
			return got, errStop
		}
	}
}

// connections is "1 connection", "2 connections"...
func connections(n int) string {
	if n == 1 {
		return "1 connection"
	}
	return strconv.Itoa(n) + " connections"
}

// mayResend reports whether an event stream's request may be sent again
// to reconnect: an idempotent method, or one the caller marked so
// (Idempotent, an Idempotency-Key), as the retry rule has it.
func mayResend(opt Option) bool {
	if middleware.IsIdempotent(upperASCII(opt.Method)) || opt.Idempotent {
		return true
	}
	for k, vs := range opt.Header { // the name in any spelling, as it is sent
		if strings.EqualFold(k, "Idempotency-Key") && len(vs) > 0 && vs[0] != "" {
			return true
		}
	}
	return false
}
