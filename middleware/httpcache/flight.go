package httpcache

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"net/http"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
)

// flights coalesces identical concurrent misses into one upstream exchange
// that lives exactly as long as someone waits for it.
//
// An exchange runs under its first caller's context values (its Settings:
// retries, timeouts) but not its cancellation, so one caller giving up does
// not fail the others. It is cancelled when its last waiter is gone: every
// waiter leaves when its own context ends, so the exchange is bounded by the
// longest waiter's deadline, and a request that arrives after everyone left
// starts a fresh exchange instead of joining an abandoned one.
// (golang.org/x/sync/singleflight, used before, cannot cancel: its
// exchanges ran on without a waiter, forever with Timeout < 0.)
//
// The flights are split by key hash between shards, each with its own
// lock: a stale hit under stale-while-revalidate looks here for a
// revalidation under way, and with one lock every such hit waited for
// every other (most of the lock wait of 64 goroutines on stale hits).
type flights struct {
	seed   maphash.Seed // set by newTransport
	shards [flightShards]flightShard
	// onPanic (set by newTransport) gets a panic of an exchange that every
	// waiter had left: no caller to raise it in.
	onPanic func(error)
}

const flightShards = 64

type flightShard struct {
	mu sync.Mutex
	m  map[string]*flight
	_  [48]byte // the next shard's lock on another cache line
}

func (g *flights) shard(key string) *flightShard {
	return &g.shards[maphash.String(g.seed, key)%flightShards]
}

type flight struct {
	done    chan struct{} // closed when res and err are set
	res     *result
	err     error
	waiters int // guarded by its flightShard's mu
	ended   bool
	cancel  context.CancelFunc
}

// do runs fn once for every concurrent caller with key and returns its
// outcome, or the caller's context error when that ends first. fn gets a
// context that ends when the last caller leaves. A result over the body
// bound (big) goes whole to the first waiter that gets it, as resp; its
// exchange then lives until that body is closed or the waiter's context
// ends. joined says the caller came to an exchange another started, which
// was made with that caller's request.
func (g *flights) do(ctx context.Context, key string,
	fn func(context.Context) (*result, error)) (res *result, resp *http.Response, joined bool, err error) {
	sh := g.shard(key)
	sh.mu.Lock()
	f, joined := sh.m[key]
	if joined {
		f.waiters++
	} else {
		fctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		f = &flight{done: make(chan struct{}), waiters: 1, cancel: cancel}
		if sh.m == nil {
			sh.m = make(map[string]*flight)
		}
		sh.m[key] = f
		go g.run(key, f, fctx, fn)
	}
	sh.mu.Unlock()
	select {
	case <-f.done:
		var p *panicError
		if errors.As(f.err, &p) {
			g.leave(key, f, false)
			panic(p) // in the caller's goroutine, as it would be without the cache
		}
		if f.err == errExited {
			g.leave(key, f, false)
			if !joined {
				// Its own request's layer or listener ended the
				// exchange's goroutine: this one ends too, as it would
				// without the cache.
				runtime.Goexit()
			}
			// Another caller's did: this caller's own request is
			// sent, in an exchange of its own or one it joins.
			return g.do(ctx, key, fn)
		}
		if f.res != nil && f.res.big != nil {
			if resp = f.res.take(); resp != nil {
				stop := context.AfterFunc(ctx, f.cancel)
				resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: func() { stop(); f.cancel() }}
				g.leave(key, f, true)
				return f.res, resp, joined, nil
			}
		}
		g.leave(key, f, false)
		return f.res, nil, joined, f.err
	case <-ctx.Done():
		g.leave(key, f, false)
		return nil, nil, joined, context.Cause(ctx)
	}
}

func (g *flights) run(key string, f *flight, ctx context.Context, fn func(context.Context) (*result, error)) {
	// Ended in a defer: fn may end the goroutine without returning
	// (runtime.Goexit in a layer below, or in a Task's header listener,
	// which runs here), and the waiters must not wait for ever.
	res, err := (*result)(nil), errExited
	defer func() { g.finish(key, f, res, err) }()
	res, err = safely(ctx, fn)
}

// errExited is the outcome of an exchange whose goroutine fn ended.
var errExited = errors.New("httpcache: the shared exchange did not return: a layer or listener below the cache exited its goroutine (runtime.Goexit)")

// finish sets the outcome of f and wakes its waiters.
func (g *flights) finish(key string, f *flight, res *result, err error) {
	sh := g.shard(key)
	sh.mu.Lock()
	f.res, f.err, f.ended = res, err, true
	if sh.m[key] == f {
		delete(sh.m, key)
	}
	orphan := f.waiters == 0
	sh.mu.Unlock()
	close(f.done)
	if orphan {
		var p *panicError
		if errors.As(err, &p) && g.onPanic != nil {
			g.onPanic(p) // every caller left: as for a background exchange
		}
		f.release()
	}
}

// leave drops one waiter; the last one out cancels the exchange, unless
// it took the big body (its Close cancels), and closes a big body nobody
// took.
func (g *flights) leave(key string, f *flight, took bool) {
	sh := g.shard(key)
	sh.mu.Lock()
	f.waiters--
	last := f.waiters == 0
	if last && sh.m[key] == f {
		delete(sh.m, key) // nobody waits: a new request starts afresh
	}
	ended := f.ended
	sh.mu.Unlock()
	if !last || took {
		return
	}
	if ended {
		f.release()
	} else {
		f.cancel()
	}
}

// release closes the unbuffered body of a result that no waiter took, and
// ends the exchange's context.
func (f *flight) release() {
	if f.res != nil {
		if resp := f.res.take(); resp != nil {
			resp.Body.Close()
		}
		if f.res.big != nil && f.res.big.taken.Load() {
			return // the taker's Close cancels
		}
	}
	f.cancel()
}

// cancelOnClose ends the exchange a big body belongs to when it is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel func()
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}

// background runs fn detached from any caller (stale-while-revalidate),
// bounded by backgroundTimeout; callers with key that come meanwhile join
// it as usual.
func (g *flights) background(key string, base context.Context, wg *backgroundWork, onPanic func(error),
	fn func(context.Context) (*result, error)) bool {
	sh := g.shard(key)
	sh.mu.Lock()
	if _, ok := sh.m[key]; ok {
		sh.mu.Unlock()
		return false // already under way
	}
	fctx, cancel := context.WithTimeout(context.WithoutCancel(base), backgroundTimeout)
	// The background itself is a waiter until the exchange ends, so that
	// callers joining and leaving do not cancel it.
	f := &flight{done: make(chan struct{}), waiters: 1, cancel: cancel}
	if sh.m == nil {
		sh.m = make(map[string]*flight)
	}
	sh.m[key] = f
	sh.mu.Unlock()
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer func() { // also when fn ended the goroutine (see run)
			var p *panicError
			if errors.As(f.err, &p) {
				onPanic(p) // no caller to hand it to
			}
			g.leave(key, f, false)
		}()
		g.run(key, f, fctx, fn)
	}()
	return true
}

// safely runs fn, turning a panic below the cache into a *panicError: in
// the exchange's own goroutine nobody could recover it, and the process
// would die.
func safely(ctx context.Context, fn func(context.Context) (*result, error)) (res *result, err error) {
	defer func() {
		if v := recover(); v != nil {
			res, err = nil, &panicError{value: v, stack: debug.Stack()}
		}
	}()
	return fn(ctx)
}

// panicError is a panic met during a shared exchange, with its stack.
type panicError struct {
	value any
	stack []byte
}

func (p *panicError) Error() string {
	return fmt.Sprintf("httpcache: panic below the cache: %v\n\n%s", p.value, p.stack)
}

// backgroundTimeout bounds a background revalidation, which no caller
// waits for.
const backgroundTimeout = time.Minute

// bigBody is an upstream response over the body bound: it cannot be
// shared, so exactly one waiter takes it whole (take), and the others get
// ErrTooLargeToShare.
type bigBody struct {
	taken atomic.Bool
	resp  *http.Response
	err   error // why it was not buffered (matches middleware.ErrTooLarge when over the bound)
}

// take hands the unbuffered response to its one taker; nil for the others.
func (r *result) take() *http.Response {
	if r.big == nil || !r.big.taken.CompareAndSwap(false, true) {
		return nil
	}
	return r.big.resp
}

// ErrTooLargeToShare is the error of a caller that waited on a coalesced
// exchange whose response body could not be buffered: the response was
// fetched once and went whole, unstored, to another caller. The error also
// wraps why: middleware.ErrTooLarge over the bound of WithMaxBodyBytes or
// Settings.MaxBodyBytes, else the read's error.
var ErrTooLargeToShare = errors.New("httpcache: response too large to share between coalesced requests")

// brokenShareError is ErrTooLargeToShare for a body whose read broke
// before the bound, or for a streamed one (errStreamed): its text says so
// instead of "too large".
type brokenShareError struct {
	url      string
	err      error
	streamed bool
}

func (e *brokenShareError) Error() string {
	what := ": its body broke before the end (another caller got what came): "
	if e.streamed {
		what = ": it streams, and another caller took the stream: "
	}
	return "httpcache: a coalesced exchange's response could not be shared: " + e.url + what + e.err.Error()
}

func (e *brokenShareError) Unwrap() []error { return []error{ErrTooLargeToShare, e.err} }

// flightKey identifies requests that may share one exchange: the mode, the
// URL, every request header (a response's Vary may name any of them) and the
// credential partition (jar cookies are not headers yet) of lk, looked up
// for req, and mark, the invalidations of its URL begun before that lookup
// (pendingInvalidations.flightMark): a request looked up after an unsafe
// request's answer came does not join an exchange from before it, which may
// give what that request changed.
func flightKey(req *http.Request, mode Mode, lk lookup, mark int64) string {
	names := make([]string, 0, len(req.Header))
	for k := range req.Header {
		names = append(names, k)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, k := range names {
		h.Write([]byte(k))
		for _, v := range req.Header[k] {
			h.Write([]byte{0})
			h.Write([]byte(v))
		}
		h.Write([]byte{1})
	}
	h.Write([]byte(lk.part))
	var eb [24]byte
	h.Write(strconv.AppendInt(append(eb[:0], 0), mark, 36))
	h.Write([]byte{0})
	if call := middleware.CallFrom(req.Context()); call != nil {
		s := &call.Settings
		h.Write([]byte(s.Credentials))
		// What the layers below do with the exchange: a caller joins only
		// one run under its own timeout, retries and bound, so that none
		// waits longer than it asked (or gets less).
		var b [64]byte
		n := strconv.AppendInt(b[:0], int64(s.Timeout), 36)
		n = strconv.AppendInt(append(n, 0), int64(s.RetryTimes), 36)
		n = strconv.AppendInt(append(n, 0), s.BodyLimit(), 36)
		n = strconv.AppendBool(append(n, 0), s.RetryPerURL)
		n = strconv.AppendBool(append(n, 0), s.Streaming)
		n = strconv.AppendBool(append(n, 0), s.AttemptCheck != nil) // the body the exchange gives: checked or as sent
		// And what a client's bottom layer does with credentials: it strips
		// them from a request to another origin than the call's first,
		// unless a backup's mark allows them.
		n = strconv.AppendBool(append(n, 0), s.URL != nil && !credential.SameOrigin(req.URL, s.URL))
		n = strconv.AppendBool(append(n, 0), middleware.CredentialsForbidden(req.Context()))
		n = strconv.AppendBool(append(n, 0), middleware.CredentialsAllowed(req.Context()))
		h.Write(append(n, 0))
		// And the Origin it sets (Mode cors), which a response may vary on.
		h.Write([]byte(middleware.SentOriginOf(req, call)))
		h.Write([]byte{0})
	}
	var sum [sha256.Size]byte
	return mode.String() + " " + middleware.TargetText(req) + " " + sentHost(req) + " " + base64.RawURLEncoding.EncodeToString(h.Sum(sum[:0])[:18])
}
