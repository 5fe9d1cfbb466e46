package client

import (
	"context"
	"fmt"
	"io"
	"reflect"
	"sync"

	"github.com/taroreq/taroreq/encoders"
)

// readerBodies remembers, for one call, what an io.Reader Data gave the
// first time it was sent. The reader is used up then, yet the call may send
// the same Option again: an interceptor that proceeds twice (a token
// refresh after a 401), an event stream that reconnects. Each later send
// gets the same bytes, or, when the body was a stream too large to buffer
// (WithMaxRequestBuffer), a clear error: never an empty or partial body.
// It is safe for concurrent use.
type readerBodies struct {
	mu       sync.Mutex
	r        io.Reader // the reader sent, nil before
	buf      []byte
	streamed bool
}

type readerBodiesKey struct{}

// withReaderBodies gives ctx a readerBodies when data is an io.Reader and
// ctx has none yet (an event stream makes one for all its connections).
func withReaderBodies(ctx context.Context, data any) context.Context {
	if _, ok := data.(io.Reader); !ok || ctx.Value(readerBodiesKey{}) != nil {
		return ctx
	}
	return context.WithValue(ctx, readerBodiesKey{}, &readerBodies{})
}

// readerBodiesFrom returns ctx's readerBodies and the reader data is, when
// data is a reader and ctx has one.
func readerBodiesFrom(ctx context.Context, data any) (*readerBodies, io.Reader) {
	rd, ok := data.(io.Reader)
	if !ok || !reflect.TypeOf(rd).Comparable() {
		return nil, nil // a reader of a type that cannot be compared cannot be recognized
	}
	rb, _ := ctx.Value(readerBodiesKey{}).(*readerBodies)
	if rb == nil {
		return nil, nil
	}
	return rb, rd
}

// again returns the bytes to send in place of rd when rd was sent before,
// and nil when it was not (send it, then call sent).
func (rb *readerBodies) again(rd io.Reader) ([]byte, error) {
	rb.mu.Lock()
	defer rb.mu.Unlock()
	switch {
	case rb.r == nil || rb.r != rd:
		return nil, nil
	case rb.streamed:
		return nil, fmt.Errorf("%w: it was sent once already (over the buffer bound, so not kept)", encoders.ErrNotReplayable)
	}
	return rb.buf, nil
}

// sent records what rd made, the first time it is sent.
func (rb *readerBodies) sent(rd io.Reader, body *encoders.Body) {
	rb.mu.Lock()
	defer rb.mu.Unlock()
	if rb.r != nil {
		return
	}
	rb.r = rd
	if rb.streamed = !body.Replayable(); !rb.streamed {
		rb.buf = body.Bytes()
		if rb.buf == nil {
			rb.buf = []byte{} // empty, not no body
		}
	}
}
