package encoders

import (
	"bytes"
	"fmt"
	"io"
	"sync/atomic"
)

// Body is an encoded request body. A buffered body is replayable: every
// reader it gives reads the same bytes, so retries and backups can resend
// it. A stream (an io.Reader that exceeded the buffer bound) can be read
// once and is not replayable.
//
// A Body is safe for concurrent use once made; its buffered bytes are shared,
// never copied, and must not be modified. The methods accept a nil *Body,
// which is an empty, replayable body.
type Body struct {
	// ContentType is the content type the request must carry (e.g.
	// "application/json", or multipart/form-data with its boundary); ""
	// means leave the caller's header alone.
	ContentType string

	buf    []byte      // the body when buffered
	stream io.Reader   // the body when streamed: the bytes read, then the rest
	closer io.Closer   // the caller's reader, closed when the stream is closed
	taken  atomic.Bool // the stream's reader was handed out
}

// NewBody returns a buffered, replayable Body over b (not copied: b must not
// be modified while the body is in use) with the given content type.
func NewBody(b []byte, contentType string) *Body {
	return &Body{ContentType: contentType, buf: b}
}

// Len is the length of the body in bytes, or -1 when unknown (a stream).
func (b *Body) Len() int64 {
	if b == nil {
		return 0
	}
	if b.stream != nil {
		return -1
	}
	return int64(len(b.buf))
}

// Replayable reports whether the body can be read more than once.
func (b *Body) Replayable() bool { return b == nil || b.stream == nil }

// Reader returns a fresh reader over the body. For a stream it is the one
// stream: the first call gets it (its Close closes the caller's reader if
// it is an io.Closer), later calls get a reader failing with
// [ErrNotReplayable].
func (b *Body) Reader() io.ReadCloser {
	if b == nil {
		return io.NopCloser(bytes.NewReader(nil))
	}
	if b.stream == nil {
		return io.NopCloser(bytes.NewReader(b.buf))
	}
	if b.taken.Swap(true) {
		return io.NopCloser(errReader{ErrNotReplayable})
	}
	return &streamReader{r: b.stream, c: b.closer}
}

// GetBody returns a function for http.Request.GetBody, or nil when the body
// is not replayable. Each call of the function returns a fresh reader over
// the same bytes, never copying them.
func (b *Body) GetBody() func() (io.ReadCloser, error) {
	if !b.Replayable() {
		return nil
	}
	var buf []byte
	if b != nil {
		buf = b.buf
	}
	return func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(buf)), nil
	}
}

// Bytes returns the buffered bytes (nil for a stream). They are shared: do
// not modify them.
func (b *Body) Bytes() []byte {
	if b == nil {
		return nil
	}
	return b.buf
}

// readBody reads r into a Body: buffered when it has at most max bytes
// (r is then closed if it is an io.Closer), else a stream of the bytes read
// followed by the rest of r.
func readBody(r io.Reader, max int64) (*Body, error) {
	buf, err := io.ReadAll(io.LimitReader(r, max+1))
	c, _ := r.(io.Closer)
	if err != nil {
		if c != nil {
			c.Close()
		}
		return nil, fmt.Errorf("encoders: reading request body: %w", err)
	}
	if int64(len(buf)) <= max {
		if c != nil {
			c.Close() // the bytes are all read; a close error does not change them
		}
		return &Body{buf: buf}, nil
	}
	return &Body{stream: io.MultiReader(bytes.NewReader(buf), r), closer: c}, nil
}

// streamReader is the one reader of a streamed body.
type streamReader struct {
	r      io.Reader
	c      io.Closer
	closed atomic.Bool
}

func (s *streamReader) Read(p []byte) (int, error) { return s.r.Read(p) }

func (s *streamReader) Close() error {
	if s.c == nil || s.closed.Swap(true) {
		return nil
	}
	return s.c.Close()
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
