package middleware

import (
	"bytes"
	"io"
	"net/http"
)

// drainLimit bounds how much of a discarded body is read so that its
// connection can be reused; beyond it, closing the connection is cheaper.
const drainLimit = 64 << 10

// Discard drains a response that will not be handed back (bounded) and closes
// its body, so that its connection goes back to the pool.
func Discard(resp *http.Response) {
	if resp == nil || resp.Body == nil {
		return
	}
	_, _ = io.CopyN(io.Discard, resp.Body, drainLimit)
	_ = resp.Body.Close()
}

// IsIdempotent reports whether a request with this method may be sent twice
// without changing its effect (RFC 9110 §9.2.2).
func IsIdempotent(method string) bool {
	switch method {
	case "", http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace,
		http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

// BufferedBody is a response body that a layer has read whole. It lets the
// layers above (and the client) take the bytes without copying them.
type BufferedBody struct {
	b   []byte
	off int
}

// NewBufferedBody returns a body over b; b must not be modified afterwards.
func NewBufferedBody(b []byte) *BufferedBody { return &BufferedBody{b: b} }

// Read reads the rest of the body.
func (r *BufferedBody) Read(p []byte) (int, error) {
	if r.off >= len(r.b) {
		return 0, io.EOF
	}
	n := copy(p, r.b[r.off:])
	r.off += n
	return n, nil
}

// Close does nothing: the connection was released when the body was read.
func (r *BufferedBody) Close() error { return nil }

// Bytes returns the whole body, whatever has been read of it.
func (r *BufferedBody) Bytes() []byte { return r.b }

// BufferBody reads resp's body whole, up to limit bytes, so that a layer can
// keep the bytes and still hand the response on: the body becomes a
// BufferedBody over them and ok is true. A body already buffered is taken
// as it is. A body over the limit, or one whose read fails, is handed on
// unbuffered with nothing lost (what was read, then the rest, or the same
// error), and ok is false.
func BufferBody(resp *http.Response, limit int64) (body []byte, ok bool) {
	if bb, isBuffered := resp.Body.(*BufferedBody); isBuffered {
		return bb.Bytes(), true
	}
	var buf bytes.Buffer
	if resp.ContentLength > 0 && resp.ContentLength <= limit {
		buf.Grow(int(resp.ContentLength))
	}
	n, err := io.Copy(&buf, io.LimitReader(resp.Body, limit+1))
	if err != nil || n > limit {
		resp.Body = &prefixedBody{Reader: io.MultiReader(&buf, resp.Body), c: resp.Body}
		return nil, false
	}
	resp.Body.Close()
	resp.Body = NewBufferedBody(buf.Bytes())
	return buf.Bytes(), true
}

// prefixedBody reads from Reader and closes c.
type prefixedBody struct {
	io.Reader
	c io.Closer
}

func (p *prefixedBody) Close() error { return p.c.Close() }
