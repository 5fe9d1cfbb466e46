package timeout

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
)

// A request body that can be read only once (no GetBody: a pipe, a socket,
// an io.Reader Data too large to buffer) may stall while http.Transport
// writes it. When the attempt's deadline passes or its context is canceled
// (an abort), the transport closes the connection but then waits for its
// write loop, which waits in the body's Read: the round trip returned only
// when the body's writer did, if ever. Closing the body ends that Read for
// a pipe or a socket, not for every reader (an io.Reader Data the client
// wrapped, whose Close does nothing): so the body is read by a goroutine of
// its own (pump), and a Read under way when ctx ends returns at once, the
// goroutine left to finish the reader's Read when it returns. Bodies that
// GetBody can make again are in memory and never stall: they are left as
// they are, at no cost.

// closeBodyWhenDone makes req's body, when it can be read only once, one
// that is closed as soon as ctx ends, and returns it (nil for another
// body). req must be the layer's own copy.
func closeBodyWhenDone(ctx context.Context, req *http.Request) *closedWhenDone {
	if req.Body == nil || req.Body == http.NoBody || req.GetBody != nil {
		return nil
	}
	b := &closedWhenDone{rc: req.Body, ctx: ctx, asks: make(chan int), reads: make(chan pumped, 1), quit: make(chan struct{})}
	b.stop = context.AfterFunc(ctx, b.end)
	req.Body = b
	return b
}

// closedWhenDone is a request body that ctx's end closes and stops
// reading; the transport's Close stops the watch. The body below is closed
// once, whoever comes first.
type closedWhenDone struct {
	rc    io.ReadCloser
	ctx   context.Context
	stop  func() bool
	once  sync.Once
	err   error
	ended atomic.Bool // ctx's end closed it
	// reading is set while the pump waits in the reader's Read; stalled
	// says ctx ended then: the caller's reader, not the server, was awaited.
	reading, stalled atomic.Bool

	// The pump, started by the first Read (started is Read's alone): Read
	// asks for up to n bytes on asks and takes the pump's read on reads;
	// quit (closed by Close or ctx's end) stops a pump waiting to be asked.
	started bool
	last    error // the pump's last Read's error: it has ended (Read's alone)
	asks    chan int
	reads   chan pumped
	quit    chan struct{} // closed with the body below
}

// pumped is one Read of the body below, in the pump's own buffer.
type pumped struct {
	b   []byte
	err error
}

// maxPumped bounds the pump's buffer: a Read asks for at most this much.
const maxPumped = 64 << 10

// Read reads the body through the pump; once ctx has ended (the deadline,
// the abort) it says why at once, not what the reader below says, if
// anything.
func (b *closedWhenDone) Read(p []byte) (int, error) {
	if b.ended.Load() {
		return 0, context.Cause(b.ctx)
	}
	if b.last != nil {
		return 0, b.last // the pump has ended: io.EOF again, as the reader would
	}
	if len(p) == 0 {
		return 0, nil
	}
	if !b.started {
		b.started = true
		go b.pump()
	}
	select {
	case <-b.quit:
		// Closed: not asked again (the pump may hold an answer no one
		// takes, and would then wait for ever to give the next).
		return 0, b.stopped()
	default:
	}
	done := b.ctx.Done()
	select {
	case b.asks <- len(p):
	case <-b.quit:
		return 0, b.stopped()
	case <-done:
		return 0, context.Cause(b.ctx)
	}
	select {
	case r := <-b.reads:
		n := copy(p, r.b)
		if r.err != nil && b.ended.Load() {
			r.err = context.Cause(b.ctx)
		}
		b.last = r.err
		return n, r.err
	case <-b.quit:
		// Closed under way (an HTTP/2 stream answered before its upload
		// ended): the transport's goroutine is not held in a Read of a
		// reader whose Close cannot end it.
		return 0, b.stopped()
	case <-done:
		return 0, context.Cause(b.ctx)
	}
}

// stopped is what a Read after Close or ctx's end says.
func (b *closedWhenDone) stopped() error {
	if b.ended.Load() {
		return context.Cause(b.ctx)
	}
	return errBodyClosed
}

var errBodyClosed = errors.New("timeout: read of a closed request body")

// pump reads the body below, one Read per ask, into a buffer of its own
// (a Read given up on must not write into the caller's p later). It ends
// after a failed Read, or once quit is closed while it waits; a reader's
// panic, or a count outside 0..len(p), is a failed Read, not a crash.
func (b *closedWhenDone) pump() {
	var buf []byte
	for {
		var n int
		select {
		case n = <-b.asks:
		case <-b.quit:
			return
		}
		if n > maxPumped {
			n = maxPumped
		}
		if cap(buf) < n {
			buf = make([]byte, n)
		}
		b.reading.Store(true)
		m, err := b.readBelow(buf[:n])
		b.reading.Store(false)
		select {
		case b.reads <- pumped{b: buf[:m], err: err}: // the one slot: taken before the next ask
		case <-b.quit:
			return // closed: no one takes it
		}
		if err != nil {
			return
		}
	}
}

func (b *closedWhenDone) readBelow(p []byte) (n int, err error) {
	defer func() {
		if v := recover(); v != nil {
			n, err = 0, fmt.Errorf("timeout: the request body's Read panicked: %v", v)
		}
	}()
	n, err = b.rc.Read(p)
	if n < 0 || n > len(p) {
		// Not a count io.Reader allows: slicing by it would panic here.
		return 0, fmt.Errorf("timeout: the request body's Read returned an impossible count %d for %d bytes", n, len(p))
	}
	return n, err
}

func (b *closedWhenDone) end() {
	b.ended.Store(true)
	b.closeOnce()
}

func (b *closedWhenDone) Close() error {
	b.stop()
	b.closeOnce()
	return b.err
}

func (b *closedWhenDone) closeOnce() {
	b.once.Do(func() {
		// Closed once ctx has ended (by end, or by the transport, which
		// may see the end first) while the reader was awaited: stalled.
		// Closing unblocks a pipe's Read, so this is the last moment to tell.
		if b.ctx.Err() != nil && b.reading.Load() {
			b.stalled.Store(true)
		}
		b.err = b.rc.Close()
		close(b.quit)
	})
}

// blame marks err, the attempt's failure, as the caller's body's when the
// reader was awaited as the attempt ended (see Error.BodyStalled).
func (b *closedWhenDone) blame(err error) error {
	// Still reading: ctx's end is seen by the transport before end runs
	// (context.AfterFunc runs it in a goroutine of its own).
	if te, ok := err.(*Error); ok && b != nil && (b.stalled.Load() || b.reading.Load()) && !te.BodyStalled {
		c := *te
		c.BodyStalled = true
		return &c
	}
	return err
}
