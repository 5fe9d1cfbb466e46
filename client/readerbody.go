package client

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// readerBodies remembers, for one call, what each io.Reader Data gave the
// first time it was sent. The reader is used up then, yet the call may send
// it again: an interceptor that proceeds twice (a token refresh after a
// 401), or two at once (a hedge), an event stream that reconnects. Each
// later send gets the same bytes, or, when the body was a stream too large
// to buffer (WithMaxRequestBuffer), a clear error: never an empty or
// partial body. A send that comes while the first is still reading the
// reader waits for it. It is safe for concurrent use.
type readerBodies struct {
	mu      sync.Mutex
	entries []*readerBody
}

// readerBody is what one reader gave.
type readerBody struct {
	r        io.Reader
	once     sync.Once
	ready    chan struct{} // closed once the fields below are set
	buf      []byte        // the bytes, when buffered
	err      error         // why the bytes cannot be sent again
	released bool          // given back unread
	rb       *readerBodies // where it is recorded
}

type readerBodiesKey struct{}

// withReaderBodies gives ctx a readerBodies unless it has one (an event
// stream makes one for all its connections).
func withReaderBodies(ctx context.Context) context.Context {
	if ctx.Value(readerBodiesKey{}) != nil {
		return ctx
	}
	return context.WithValue(ctx, readerBodiesKey{}, &readerBodies{})
}

// claim returns, for a send of data, the bytes to send in its place (or
// the error that forbids it) when data is a reader sent before; first is
// set instead when this send is the reader's first, which must end with
// first.done.
func claim(ctx context.Context, data any) (again []byte, first *readerBody, err error) {
	rd, ok := data.(io.Reader)
	if !ok {
		return nil, nil, nil
	}
	rb, _ := ctx.Value(readerBodiesKey{}).(*readerBodies)
	if rb == nil {
		return nil, nil, nil
	}
	for {
		rb.mu.Lock()
		var found *readerBody
		for _, e := range rb.entries {
			if sameReader(e.r, rd) {
				found = e
				break
			}
		}
		if found == nil {
			e := &readerBody{r: rd, ready: make(chan struct{}), rb: rb}
			rb.entries = append(rb.entries, e)
			rb.mu.Unlock()
			return nil, e, nil
		}
		rb.mu.Unlock()
		select {
		case <-found.ready:
		case <-ctx.Done():
			return nil, nil, context.Cause(ctx)
		}
		if !found.released {
			return found.buf, nil, found.err
		}
		// The first send gave the reader back unread: claim it afresh.
	}
}

// takeReaderBody readies an io.Reader Data for build: the bytes a reader
// sent before gave, in its place; a reader not in memory read under ctx
// and the attempt's timeout (readWatched), once what build refuses anyway
// is ruled out (precheck). first is this send's record when it is the
// reader's first, to end with built (or done, release).
func (c *Client) takeReaderBody(ctx context.Context, opt *Option) (first *readerBody, err error) {
	again, first, err := claim(ctx, opt.Data)
	if err != nil {
		return nil, err
	}
	bodiless := bodilessMethod(opt.Method)
	if again != nil && !bodiless {
		opt.Data = again // a GET refuses the reader as query data, as its first send would
	}
	r, ok := opt.Data.(io.Reader)
	if !ok || isNilReader(r) || bodiless {
		return first, nil
	}
	if err := c.precheck(opt); err != nil {
		first.release() // unread: a corrected send may read it
		return first, err
	}
	if !inMemory(r) {
		if opt.Data, err = readWatched(ctx, r, c.bufferBound(), attemptTimeout(opt.Timeout), true); err != nil {
			first.done(nil, err)
			return first, err
		}
	}
	return first, nil
}

// built ends the record of a reader's first send with what build made of
// it (nothing for a nil e).
func (e *readerBody) built(opt *Option, b *built, err error) {
	switch {
	case e == nil:
	case err != nil && bodilessMethod(opt.Method):
		e.release() // refused as query data, unread
	case err != nil:
		e.done(nil, err)
	case b.encoded == nil:
		e.release() // sent as query data or no body: the stream unread
	default:
		e.done(b.encoded, nil)
	}
}

// release gives the reader back unread (its send was refused before the
// body was read): the next send of it reads it.
func (e *readerBody) release() {
	if e == nil {
		return
	}
	rb := e.rb
	e.once.Do(func() {
		rb.mu.Lock()
		for i, x := range rb.entries {
			if x == e {
				rb.entries = append(rb.entries[:i], rb.entries[i+1:]...)
				break
			}
		}
		rb.mu.Unlock()
		e.released = true
		close(e.ready)
	})
}

// done records what the reader's first send made of it (a body, or the
// error that ended it); only its first call, or release, counts.
func (e *readerBody) done(body *encoders.Body, err error) {
	if e == nil {
		return
	}
	e.once.Do(func() { e.record(body, err) })
}

func (e *readerBody) record(body *encoders.Body, err error) {
	switch {
	case err != nil:
		e.err = fmt.Errorf("%w: reading it failed the first time: %w", encoders.ErrNotReplayable, err)
	case !body.Replayable():
		e.err = fmt.Errorf("%w: it was sent once already (over the buffer bound, so not kept)", encoders.ErrNotReplayable)
	default:
		if e.buf = body.Bytes(); e.buf == nil {
			e.buf = []byte{} // empty, not no body
		}
	}
	close(e.ready)
}

// sameReader reports whether a and b are the same reader: the same
// dynamic type and the same value in memory (an interface's data word),
// which never panics, whatever the type (a struct holding a func cannot be
// compared with ==).
func sameReader(a, b io.Reader) bool {
	x, y := any(a), any(b)
	return *(*[2]unsafe.Pointer)(unsafe.Pointer(&x)) == *(*[2]unsafe.Pointer)(unsafe.Pointer(&y))
}

// inMemory reports whether rd is a reader of memory, which never waits.
func inMemory(rd io.Reader) bool {
	switch rd.(type) {
	case *bytes.Reader, *strings.Reader, *bytes.Buffer:
		return true
	}
	return false
}

// readWatched reads what build would buffer of rd (up to limit+1 bytes)
// in a goroutine, so that a reader that stalls (a pipe, a socket) cannot
// hold the call past ctx, nor wait more than d (the attempt's timeout; 0
// for none) for more bytes: a slow reader that keeps giving is not cut,
// as the timeout of a streamed body bounds each wait, not the whole.
// Given up on, rd is closed if it is an io.Closer, which unblocks most
// readers, and the goroutine stops after the Read under way returns (read
// to its end, rd is closed only if closeWhenRead). A panic in rd's Read is
// raised again in the caller's goroutine. It returns what to send in rd's
// place: the bytes, or, over the bound, a stream of them and the rest of
// rd.
func readWatched(ctx context.Context, rd io.Reader, limit int64, d time.Duration, closeWhenRead bool) (any, error) {
	type read struct {
		buf      []byte
		err      error
		panicked any
	}
	done := make(chan read, 1)
	progress := make(chan struct{}, 1)
	var stop atomic.Bool
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- read{panicked: p}
			}
		}()
		lr := io.LimitReader(rd, limit+1)
		buf := make([]byte, 0, 512)
		for !stop.Load() {
			if len(buf) == cap(buf) {
				buf = append(buf, 0)[:len(buf)] // grow
			}
			n, err := lr.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			if n > 0 {
				select {
				case progress <- struct{}{}:
				default:
				}
			}
			if err != nil {
				if err == io.EOF {
					err = nil
				}
				done <- read{buf: buf, err: err}
				return
			}
		}
	}()
	var idle <-chan time.Time
	var timer *time.Timer
	if d > 0 {
		timer = time.NewTimer(d)
		defer timer.Stop()
		idle = timer.C
	}
	var err error
	for err == nil {
		select {
		case r := <-done:
			switch {
			case r.panicked != nil:
				panic(r.panicked)
			case r.err != nil:
				closeReader(rd)
				return nil, fmt.Errorf("encoders: reading request body: %w", r.err)
			case int64(len(r.buf)) <= limit:
				if closeWhenRead {
					closeReader(rd)
				}
				return r.buf, nil
			}
			return &restReader{Reader: io.MultiReader(bytes.NewReader(r.buf), rd), of: rd}, nil
		case <-progress:
			if timer != nil {
				timer.Reset(d)
			}
		case <-ctx.Done():
			err = context.Cause(ctx)
		case <-idle:
			// The caller's reader, not the server, kept the call waiting:
			// BodyStalled makes it match middleware.ErrBodyStalled.
			err = &timeout.Error{Timeout: d, BodyStalled: true, Err: fmt.Errorf("the request body's reader gave nothing for %v", d)}
		}
	}
	stop.Store(true)
	closeReader(rd)
	return nil, fmt.Errorf("reading request body: %w", err)
}

func closeReader(rd io.Reader) {
	if c, ok := rd.(io.Closer); ok {
		_ = c.Close()
	}
}

// restReader is a body over the bound: the bytes read, then the rest of
// the caller's reader, which Close closes.
type restReader struct {
	io.Reader
	of io.Reader
}

func (r *restReader) Close() error {
	if c, ok := r.of.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

// isNilReader reports whether rd is a nil pointer (no body, see
// encoders.EncodeBody).
func isNilReader(rd io.Reader) bool {
	v := reflect.ValueOf(rd)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// bodilessMethod reports whether a request of method m encodes its Data
// in the query, not in a body.
func bodilessMethod(m string) bool {
	m, _ = method(m)
	return m == http.MethodGet || m == http.MethodHead
}

// bufferBound is the most of an io.Reader body that is buffered.
func (c *Client) bufferBound() int64 {
	if c.maxReqBuffer <= 0 {
		return encoders.DefaultMaxBuffered
	}
	return c.maxReqBuffer
}

// attemptTimeout is the attempt's deadline an Option's Timeout means: 0 the
// default, negative none.
func attemptTimeout(d time.Duration) time.Duration {
	switch {
	case d == 0:
		return timeout.DefaultTimeout
	case d < 0:
		return 0
	}
	return d
}

// precheck is build without the body: what build refuses anyway, found
// before a body reader is read (and closed).
func (c *Client) precheck(opt *Option) error {
	probe := *opt
	probe.Data = []byte{} // a body, as the reader's will be: its Content-Type counts (no-cors)
	_, err := c.build(&probe)
	return err
}
