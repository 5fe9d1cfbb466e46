package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
)

// Headers is what OnHeadersReceived listeners get, before the body is read.
// Each listener gets its own copy, to read and write on its goroutine.
type Headers struct {
	StatusCode int         // 0 for a no-cors (opaque) answer
	Header     http.Header // a copy of the response's header; empty when opaque
}

// Task is a request under way (Taro's RequestTask), which Client.Go
// returns; a Task made otherwise (the zero value) is not one. It is safe for
// concurrent use.
type Task struct {
	cancel context.CancelCauseFunc
	done   chan struct{}
	resp   *Response
	err    error

	// started is set by the task's own call: a call an interceptor makes
	// with its ctx inherits the Task but is not its request.
	started atomic.Bool

	mu        sync.Mutex
	listeners []headersListener // in the order they were registered
	nextID    int
	chunks    chunkListeners // EnableChunked's (taskchunk.go)
}

type headersListener struct {
	id int
	fn func(Headers)
}

type taskKey struct{}

// Go starts opt in its own goroutine and returns at once. The goroutine
// ends when the request does (Abort ends it early). opt's Header and Backup
// are copied before Go returns, as Taro's request reads its header when
// called: a caller may change or reuse them for its next call (another
// user's token) without changing this one; so is a Data that is a []byte,
// a url.Values, a map[string]any or a map[string]string (its top level).
// Other Data is read on the Task's goroutine: leave a pointer's target, a
// nested value or a reader in it unchanged until Done.
//
// Each setup runs with the Task, on the caller's goroutine, before the
// request starts: listeners registered there hear every header and chunk,
// as Taro's registered right after its request() call do (JavaScript runs
// them before any answer can come). One registered after Go returns may
// miss what came before it: a store hit, a fast server. A setup may Abort
// the Task (its call then fails with abort, sending nothing), but not wait
// for it (Wait, Done): the request starts once every setup has returned.
// One that panics (or exits the goroutine) leaves the Task unstarted, its
// Success, Fail and Complete not called, and the panic goes on to the
// caller. The callbacks that run once it started (Success, Fail, Complete,
// DataCheck, StoreCheck, interceptors, listeners) run on the Task's
// goroutine: a panic there ends the program, as one on any goroutine does
// (Wait cannot hand it on: nobody may call it). Recover in a callback that
// may panic; Request runs the same callbacks on the caller's goroutine,
// where the panic reaches the caller.
func (c *Client) Go(ctx context.Context, opt Option, setup ...func(*Task)) *Task {
	opt.Header, opt.Backup, opt.Data = opt.Header.Clone(), slices.Clone(opt.Backup), dataCopy(opt.Data)
	bad := c.unusable(ctx)
	if bad != nil {
		ctx = context.Background() // the Task's own; the call fails with bad
	}
	ctx, cancel := context.WithCancelCause(ctx)
	t := &Task{cancel: cancel, done: make(chan struct{})}
	ctx = context.WithValue(ctx, taskKey{}, t)
	if len(setup) > 0 {
		t.setUp(setup, func() error { return c.fail(&opt, errTaskNotStarted) })
	}
	go func() {
		defer close(t.done)
		defer cancel(nil)
		defer func() {
			if t.resp == nil {
				// A callback or listener exited the goroutine
				// (runtime.Goexit, a test's t.FailNow): the call never
				// returned, but Wait still gives a Response and an error,
				// never nil and nil.
				t.err = c.fail(&opt, errTaskExited)
				t.resp = &Response{ErrMsg: errMsg(t.err)}
			}
		}()
		if bad != nil {
			t.resp, t.err = failUnusable(&opt, bad)
			return
		}
		if opt.EnableChunked {
			t.resp, t.err = c.runChunked(ctx, opt, t)
			return
		}
		t.resp, t.err = c.run(ctx, opt)
	}()
	return t
}

// dataCopy is data as Go keeps it for its Task: a copy of the forms a
// caller fills and reuses for its next call, a []byte, a url.Values and
// a map's top level (another user's query or body would otherwise go
// with this one); other values as they are (a struct is copied into the
// interface already; a reader or a pointer cannot be).
func dataCopy(data any) any {
	switch d := data.(type) {
	case []byte:
		return bytes.Clone(d)
	case url.Values:
		if d == nil {
			return d // no data, as the caller's: a made one would go as "{}"
		}
		c := make(url.Values, len(d))
		for k, vs := range d {
			c[k] = slices.Clone(vs)
		}
		return c
	case map[string]any:
		return maps.Clone(d)
	case map[string]string:
		return maps.Clone(d)
	}
	return data
}

// setUp runs each non-nil setup with t. One that panics (or exits the
// goroutine) leaves t unstarted: its context is canceled and Done closed,
// so that nothing is left behind, and the panic goes on.
func (t *Task) setUp(setup []func(*Task), notStarted func() error) {
	returned := false
	defer func() {
		if !returned {
			err := notStarted() // made only then: a URL to redact, for nothing when they return
			t.cancel(err)
			t.resp, t.err = &Response{ErrMsg: errMsg(err)}, err
			close(t.done)
		}
	}()
	for _, f := range setup {
		if f != nil {
			f(t)
		}
	}
	returned = true
}

// errTaskNotStarted is the cause of a Task whose setup did not return.
var errTaskNotStarted = errors.New("the task was not started: its setup did not return (a panic, runtime.Goexit)")

// errTaskExited is the error of a Task whose goroutine a callback or a
// listener ended (runtime.Goexit) before its call returned.
var errTaskExited = errors.New("the call did not return: a callback or listener exited its goroutine (runtime.Goexit)")

// Abort ends the request: the connection is closed, and the task fails with
// ErrMsg "request:fail abort". Abort after the end does nothing, and so
// does Abort of a nil or zero Task.
func (t *Task) Abort() {
	if t.made() {
		t.cancel(ErrAbort)
	}
}

// Done is closed when the request has ended and its callbacks have run (at
// once for a nil or zero Task: there is no request to wait for).
func (t *Task) Done() <-chan struct{} {
	if !t.made() {
		done := make(chan struct{})
		close(done)
		return done
	}
	return t.done
}

// Wait blocks until the request ends and returns what Request would have.
// The request ends once its callbacks have returned: a Wait (or a receive
// from Done) in the Task's own Success, Fail, Complete or listeners never
// returns. A callback or listener that ends the goroutine instead of
// returning (runtime.Goexit, a test's t.FailNow) leaves the call unfinished:
// Wait returns a failed Response and an *Error, never nil. A nil or zero
// Task has no request: Wait returns at once with an error matching
// ErrInvalidOption.
func (t *Task) Wait() (*Response, error) {
	if !t.made() {
		err := error(&Error{Method: http.MethodGet, Err: errNoTask})
		return &Response{ErrMsg: errMsg(err)}, err
	}
	<-t.done
	return t.resp, t.err
}

// errNoTask is the error of a Task that Client.Go did not make.
var errNoTask = fmt.Errorf("%w: nil or zero Task (make one with Client.Go)", ErrInvalidOption)

// made reports whether Client.Go made t.
func (t *Task) made() bool { return t != nil && t.done != nil }

// OnHeadersReceived registers fn to be called with the status and headers
// of each URL's answer, before its body is read (not of a redirect, nor of
// an attempt retried for its status; one whose body broke after its
// headers was heard when they came), and returns an id for
// OffHeadersReceived. Listeners are called one after another, in the
// order they were registered, as Taro's are. The header is a copy, fn's
// own: what fn writes there changes neither the answer, nor what a store
// or cache keeps of it, nor what another listener gets. An answer the HTTP cache replaces by its
// entry (a 304 to its revalidation, a server error under stale-if-error) is
// not one: fn hears the entry the caller gets, as a page never sees its
// browser's. fn runs on a goroutine of the request and must not block: with
// the HTTP cache, it may be that of the exchange that identical requests
// share, so a call from fn that waits for the same URL waits for itself
// (until its ctx ends). An interceptor that calls proceed from several
// goroutines at once (a hedged request) has fn called from them at once: fn
// must then be safe for concurrent use. An answer that came before fn was
// registered is not heard: register in a setup of Go to hear them all. A
// nil fn is not registered (id 0), nor is any on a nil Task.
func (t *Task) OnHeadersReceived(fn func(Headers)) int {
	if fn == nil || t == nil {
		return 0 // nothing to call; OffHeadersReceived(0) does nothing
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.nextID++
	t.listeners = append(t.listeners, headersListener{id: t.nextID, fn: fn})
	return t.nextID
}

// OffHeadersReceived removes the listener with this id. Called from
// another goroutine while an answer is being heard, it may return before
// that answer reaches the listener, which then hears it: the next one it
// does not.
func (t *Task) OffHeadersReceived(id int) {
	if t == nil {
		return
	}
	t.mu.Lock()
	t.listeners = slices.DeleteFunc(t.listeners, func(l headersListener) bool { return l.id == id })
	t.mu.Unlock()
}

// headersReceived calls the listeners of the Task behind ctx, if any, with
// no lock held; an opaque (no-cors) answer is announced as status 0 with
// no header, as the caller gets it.
func headersReceived(ctx context.Context, opaque bool, status int, h http.Header) {
	t := taskFrom(ctx)
	if t == nil {
		return
	}
	if opaque {
		status, h = 0, http.Header{} // a no-cors answer shows nothing, here too
	}
	t.mu.Lock()
	fns := make([]func(Headers), 0, len(t.listeners))
	for _, l := range t.listeners {
		fns = append(fns, l.fn)
	}
	t.mu.Unlock()
	for _, fn := range fns {
		// Each listener gets a copy: h is the answer's own, which the store
		// and the HTTP cache write once they have run, and other callers
		// (of a shared exchange, or of a stored entry) are answered with;
		// and what one listener writes is no other listener's to read.
		hc := h.Clone()
		if hc == nil {
			hc = http.Header{} // a transport's answer without one: fn's to write to all the same
		}
		fn(Headers{StatusCode: status, Header: hc})
	}
}

// ownTask returns ctx for a call: the Task's own (the first call made with
// its context) keeps it; any other, made by an interceptor with that
// context, gets none, so that the Task's listeners hear of its request
// only. Abort still ends them all: the context's cancel is kept.
func ownTask(ctx context.Context) context.Context {
	if t := taskFrom(ctx); t != nil && !t.started.CompareAndSwap(false, true) {
		return context.WithValue(ctx, taskKey{}, nil)
	}
	return ctx
}

// taskFrom returns the Task behind ctx, or nil.
func taskFrom(ctx context.Context) *Task {
	t, _ := ctx.Value(taskKey{}).(*Task)
	return t
}
