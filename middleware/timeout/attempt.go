package timeout

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"sync"
	"sync/atomic"
	"time"
)

// An attempt is, in one allocation, the attempt's context, its copy of the
// request, the wrapper of its response body and, for a request without a
// body, the client trace that bounds its sends (see sends.go).
//
// The context is context.WithDeadlineCause(parent, deadline, ErrExceeded),
// or context.WithCancel(parent) for an attempt without a deadline (d <= 0:
// a Timeout of -1), whose sends alone are bounded.
// When the parent cannot be canceled, only the clock can end the attempt,
// so the context is made on the first Done (http.Transport asks at once; a
// transport that never looks does not pay for it) or when Err finds the
// deadline passed; until then Err reads the clock. A parent that can be
// canceled gets it at once: which of the two came first is known only to a
// context made before either. Once made, every method answers from it, and
// Value hands its cancelCtx to the context package, so a WithCancel below,
// even under WithValue, joins it without a goroutine, and Cause is
// ErrExceeded.
type attempt struct {
	parent   context.Context
	deadline time.Time
	d        time.Duration
	req      http.Request
	rc       io.ReadCloser

	state  atomic.Int32 // lazy until ctx is set, under mu; lazy only while the parent cannot be canceled
	closed atomic.Bool  // the body was closed
	sends  atomic.Int32 // new connections a request without a body went on (see sends.go)
	// trace counts sends (boundSends), its GotConn set under mu;
	// ownTrace says Value answers httptrace's key with it.
	trace    httptrace.ClientTrace
	ownTrace bool
	mu       sync.Mutex
	ctx      context.Context
	cancel   context.CancelFunc
}

const (
	lazy     int32 = iota
	made           // ctx is the deadline's context
	released       // ctx is canceled: released before the deadline, nothing made
)

// canceled is what a released attempt shows when its deadline's context
// was never needed.
var canceled = func() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}()

func newAttempt(req *http.Request, d time.Duration) *attempt {
	a := &attempt{parent: req.Context(), d: d}
	if d > 0 {
		a.deadline = time.Now().Add(d)
	}
	if bodiless(req) {
		a.boundSends()
	}
	a.req = *req.WithContext(a) // WithContext is inlined: its copy stays on the stack
	if a.parent.Done() != nil {
		a.get()
	}
	return a
}

// before reports whether the deadline is still ahead, always for an
// attempt without one. time.Until reads only the monotonic clock, half the
// cost of time.Now.
func (a *attempt) before() bool { return a.d <= 0 || time.Until(a.deadline) > 0 }

// get returns the deadline's context, made if need be.
func (a *attempt) get() context.Context {
	if a.state.Load() != lazy {
		return a.ctx
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.state.Load() == lazy {
		if a.d <= 0 {
			a.ctx, a.cancel = context.WithCancel(a.parent)
		} else {
			a.ctx, a.cancel = context.WithDeadlineCause(a.parent, a.deadline, ErrExceeded)
		}
		a.state.Store(made)
	}
	return a.ctx
}

// release cancels the attempt, as the cancel of WithDeadlineCause does,
// stopping its timer. Calling it again does nothing.
func (a *attempt) release() {
	a.mu.Lock()
	if a.state.Load() == lazy && a.before() {
		// Not ended yet: canceled is all there is to see, no timer needed.
		a.ctx = canceled
		a.state.Store(released)
	}
	a.mu.Unlock()
	a.get()
	if a.cancel != nil {
		a.cancel()
	}
}

func (a *attempt) Deadline() (time.Time, bool) {
	if d, ok := a.parent.Deadline(); ok && (a.d <= 0 || d.Before(a.deadline)) {
		return d, true // WithDeadline keeps the parent's earlier one
	}
	if a.d <= 0 {
		return time.Time{}, false
	}
	return a.deadline, true
}

func (a *attempt) Done() <-chan struct{} { return a.get().Done() }

func (a *attempt) Err() error {
	if a.state.Load() == lazy && a.before() {
		return nil // nothing could have ended it: no context to make yet
	}
	return a.get().Err()
}

func (a *attempt) Value(key any) any {
	if a.ownTrace && key == traceKey {
		return a.clientTrace()
	}
	if a.state.Load() == made {
		return a.ctx.Value(key)
	}
	return a.parent.Value(key)
}

// String names the context as the context package would, so that printing
// it reads no field another goroutine may be writing.
func (a *attempt) String() string {
	name := fmt.Sprintf("%T", a.parent)
	if s, ok := a.parent.(fmt.Stringer); ok {
		name = s.String()
	}
	if a.d <= 0 {
		return name + ".WithCancel"
	}
	return name + ".WithDeadline(" + a.deadline.String() + " [" + time.Until(a.deadline).String() + "])"
}

func (a *attempt) Read(p []byte) (int, error) {
	n, err := a.rc.Read(p)
	if err != nil && err != io.EOF {
		err = explain(a, a.d, err, false)
	}
	return n, err
}

// Close closes the body once and releases the attempt; closing again does
// nothing (the body below is not closed twice).
func (a *attempt) Close() error {
	if a.closed.Swap(true) {
		return nil
	}
	err := a.rc.Close()
	a.release()
	return err
}
