package timeout

import (
	"context"
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
// when the body's writer did, if ever. Closing the body ends that Read.
// Bodies that GetBody can make again are in memory and never stall: they
// are left as they are, at no cost.

// closeBodyWhenDone makes req's body, when it can be read only once, one
// that is closed as soon as ctx ends. req must be the layer's own copy.
func closeBodyWhenDone(ctx context.Context, req *http.Request) {
	if req.Body == nil || req.Body == http.NoBody || req.GetBody != nil {
		return
	}
	b := &closedWhenDone{rc: req.Body, ctx: ctx}
	b.stop = context.AfterFunc(ctx, b.end)
	req.Body = b
}

// closedWhenDone is a request body that ctx's end closes; the transport's
// Close stops the watch. The body below is closed once, whoever comes
// first.
type closedWhenDone struct {
	rc    io.ReadCloser
	ctx   context.Context
	stop  func() bool
	once  sync.Once
	err   error
	ended atomic.Bool // ctx's end closed it
}

// Read reads the body; once ctx's end has closed it, a failed Read says
// why (the deadline, the abort), not what the closed reader says.
func (b *closedWhenDone) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	if err != nil && b.ended.Load() {
		err = context.Cause(b.ctx)
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

func (b *closedWhenDone) closeOnce() { b.once.Do(func() { b.err = b.rc.Close() }) }
