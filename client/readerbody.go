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
	"time"

	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/middleware/timeout"
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
// readers; the goroutine ends when its Read returns, as net/http's would.
// It returns what to send in rd's place: the bytes, or, over the bound, a
// stream of them and the rest of rd.
func readWatched(ctx context.Context, rd io.Reader, limit int64, d time.Duration) (any, error) {
	type read struct {
		buf []byte
		err error
	}
	done := make(chan read, 1)
	progress := make(chan struct{}, 1)
	go func() {
		lr := io.LimitReader(rd, limit+1)
		buf := make([]byte, 0, 512)
		for {
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
				done <- read{buf, err}
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
			case r.err != nil:
				closeReader(rd)
				return nil, fmt.Errorf("encoders: reading request body: %w", r.err)
			case int64(len(r.buf)) <= limit:
				closeReader(rd)
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
			err = &timeout.Error{Timeout: d, Err: fmt.Errorf("the request body's reader gave nothing for %v", d)}
		}
	}
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
