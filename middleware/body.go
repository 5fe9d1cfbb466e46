package middleware

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strings"
	"sync"
	"time"
)

// drainLimit bounds how much of a discarded body is read so that its
// connection can be reused; beyond it, closing the connection is cheaper.
const drainLimit = 64 << 10

// drainTime bounds how long a discarded body is read: one that drips (a
// slow error page, a throttled proxy) is not worth its connection, and the
// caller waits for the drain before its retry or its backup. A streamed
// call's idle timeout does not bound it, as bytes keep coming.
const drainTime = 100 * time.Millisecond

// Discard drains a response that will not be handed back (bounded in bytes
// and time) and closes its body, so that its connection goes back to the
// pool.
func Discard(resp *http.Response) {
	if resp != nil && resp.Body != nil {
		drain(resp.Body, nil, 0)
	}
}

// DiscardKeeping is Discard that returns the bytes it drained when they
// are the whole body (at most limit bytes, within Discard's bounds): a
// failed answer's data, for a call that reports the last response that
// arrived. It returns nil when the body was longer, broke or dripped (or
// was empty).
func DiscardKeeping(resp *http.Response, limit int64) []byte {
	if resp == nil || resp.Body == nil {
		return nil
	}
	if bb, ok := resp.Body.(interface{ Bytes() []byte }); ok {
		// Read already; the bytes may be a room the Call reuses.
		b := bb.Bytes()
		_ = resp.Body.Close()
		if int64(len(b)) > limit {
			return nil
		}
		return append([]byte{}, b...)
	}
	var buf bytes.Buffer
	if !drain(resp.Body, &buf, max(0, min(limit, drainLimit))) {
		return nil
	}
	return buf.Bytes()
}

// drain reads body to its end, bounded by drainLimit bytes and drainTime,
// keeping its first keep bytes in kept (none when kept is nil), and closes
// it. It reports whether the body ended within keep bytes.
func drain(body io.ReadCloser, kept *bytes.Buffer, keep int64) (whole bool) {
	var timer *time.Timer
	if _, ok := body.(interface{ Bytes() []byte }); !ok {
		// Closing ends a Read under way (net/http's bodies allow it):
		// the connection is given up, the caller goes on.
		timer = time.AfterFunc(drainTime, func() { _ = body.Close() })
	}
	var n int64
	if kept != nil {
		var err error
		n, err = io.CopyN(kept, body, keep+1)
		whole = err == io.EOF
	}
	if !whole {
		_, _ = io.CopyN(io.Discard, body, drainLimit-n) // too long to keep: drained as Discard does
	}
	if timer != nil {
		timer.Stop()
	}
	_ = body.Close()
	return whole
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
// layers above (and the client) take the bytes without copying them. Its
// bytes are in memory: it reads back whole even after the request's
// context ends (nothing is left to cancel), unlike a body still on the
// network.
//
// Like any reader, a BufferedBody is not safe for concurrent use: Read
// and Reset change it. Bytes and Close, which do not, may run alongside a
// Read. Its zero value is an empty body, read at once to io.EOF.
type BufferedBody struct {
	b   []byte
	off int
}

// NewBufferedBody returns a body over b; b must not be modified afterwards.
func NewBufferedBody(b []byte) *BufferedBody { return &BufferedBody{b: b} }

// Reset makes r a body over b, unread, as NewBufferedBody does: a
// BufferedBody can then live inside a larger allocation.
func (r *BufferedBody) Reset(b []byte) { *r = BufferedBody{b: b} }

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

// CloseRequestBody closes req's body, if any: what a RoundTripper owes its
// caller when it answers or refuses without sending req on (the contract:
// RoundTrip must always close the body, errors included).
func CloseRequestBody(req *http.Request) {
	if req != nil && req.Body != nil {
		_ = req.Body.Close()
	}
}

// Bodiless reports whether a response to method with status has no body by
// definition (RFC 9110 §6.4.1, and Fetch's null body statuses): the response
// to a HEAD, a 1xx, a 204, a 205 and a 304. Such a body is read as empty
// whatever Content-Length says (to a HEAD it gives the length a GET would
// get; a 205 must carry none, and fetch shows none).
func Bodiless(method string, status int) bool {
	return method == http.MethodHead || status/100 == 1 ||
		status == http.StatusNoContent || status == http.StatusResetContent || status == http.StatusNotModified
}

// Switched reports whether resp switched protocols (a 101 whose body is
// writable): net/http then hands the connection itself as the body, an
// io.ReadWriteCloser. It is no HTTP body: a layer neither reads, buffers,
// bounds nor wraps it, but hands it on as it is (a WebSocket through
// httputil.ReverseProxy writes to it), for the caller to close.
func Switched(resp *http.Response) bool {
	if resp.StatusCode != http.StatusSwitchingProtocols {
		return false
	}
	_, conn := resp.Body.(io.Writer)
	return conn
}

// Streamed reports whether resp's body is no document to buffer: an event
// stream (text/event-stream), which may never end, or a switched
// connection (see Switched). A layer that keeps or judges whole bodies
// hands it on as it comes instead, unstored.
func Streamed(resp *http.Response) bool {
	ct := resp.Header["Content-Type"] // as Get finds it, the name not canonicalised again
	return Switched(resp) || len(ct) > 0 && IsEventStream(ct[0])
}

// IsEventStream reports whether a media type (a Content-Type or one item
// of an Accept) is text/event-stream, parameters aside.
func IsEventStream(mediaType string) bool {
	mt, _, _ := strings.Cut(mediaType, ";")
	return strings.EqualFold(strings.TrimSpace(mt), "text/event-stream")
}

// BufferBody reads resp's body whole, up to limit bytes, so that a layer can
// keep the bytes and still hand the response on: the body becomes a
// BufferedBody over them and ContentLength their length. A body already
// buffered is taken as it is; a bodiless one (see Bodiless; the method is
// resp.Request's) is closed unread and taken as empty; a switched
// connection (see Switched) is left as it is, and nil returned.
//
// A body over the limit gives an error matching ErrTooLarge; a read that
// fails gives its error, wrapped. Either way the body is handed on
// unbuffered with nothing lost (what was read, then the rest, or the same
// error), for the caller to pass on or close.
func BufferBody(resp *http.Response, limit int64) ([]byte, error) {
	return bufferBody(resp, limit, nil)
}

// bufferBody is BufferBody that puts the body in dst, unless dst is nil.
func bufferBody(resp *http.Response, limit int64, dst *BufferedBody) ([]byte, error) {
	if bb, isBuffered := resp.Body.(*BufferedBody); isBuffered {
		return bb.Bytes(), nil
	}
	method := ""
	if resp.Request != nil {
		method = resp.Request.Method
	}
	if Switched(resp) {
		return nil, nil // the connection: handed on as it is, never read here
	}
	if resp.Body == nil || Bodiless(method, resp.StatusCode) {
		if resp.Body != nil {
			_ = resp.Body.Close()
		}
		resp.Body = newBufferedBody(nil, dst)
		return nil, nil
	}
	b, err := ReadAll(resp.Body, resp.ContentLength, limit)
	if err != nil {
		rest := io.Reader(resp.Body)
		if !errors.Is(err, ErrTooLarge) {
			// The read failed: what was read, then its error again. The
			// body below need not say it twice (net/http's, read again
			// after its context was cancelled, says "use of closed
			// network connection", which is no longer context.Canceled).
			rest = failedRead{errors.Unwrap(err)}
		}
		if len(b) > 0 || rest != resp.Body {
			resp.Body = &prefixedBody{Reader: io.MultiReader(bytes.NewReader(b), rest), c: resp.Body}
		}
		return nil, err
	}
	if (len(resp.Trailer) > 0 || resp.ProtoMajor == 2) && resp.ContentLength > 0 {
		// The trailer comes after the announced bytes (HTTP/2): the
		// transport fills resp.Trailer only when the body's end is read,
		// a trailer the header did not announce too (a session handed
		// out in it is read by the layers that write answers).
		// A byte past the length would be the server's error, which the
		// transport cuts. A stream that does not end (the trailer never
		// comes: the attempt's timeout, a reset) is a body that failed to
		// arrive whole, as a read to its end says.
		if _, err := io.CopyN(io.Discard, resp.Body, 1); err != nil && err != io.EOF {
			resp.Body = &prefixedBody{Reader: io.MultiReader(bytes.NewReader(b), failedRead{err}), c: resp.Body}
			return nil, bodyErr(err)
		}
	}
	_ = resp.Body.Close()
	resp.Body = newBufferedBody(b, dst)
	resp.ContentLength = int64(len(b))
	return b, nil
}

// newBufferedBody is NewBufferedBody in dst, unless dst is nil.
func newBufferedBody(b []byte, dst *BufferedBody) *BufferedBody {
	if dst == nil {
		return NewBufferedBody(b)
	}
	*dst = BufferedBody{b: b}
	return dst
}

// ReadAll reads r to its end, at most limit bytes, and returns what it
// read. length is what the response announced (ContentLength; negative when
// unknown): within the limit it sizes the buffer (see readAnnounced), over
// it the error comes before any read. A body over the limit gives an error
// matching ErrTooLarge; a failed read, or a body shorter than announced,
// gives the read's error wrapped ("reading body: unexpected EOF"). It does
// not close r.
func ReadAll(r io.Reader, length, limit int64) ([]byte, error) {
	if length > limit {
		return nil, tooLarge(limit)
	}
	if length > 0 {
		return readAnnounced(r, length)
	}
	b, err := readAtMost(r, min(limit, math.MaxInt64-1)+1)
	if err != nil {
		return b, fmt.Errorf("reading body: %w", err)
	}
	if int64(len(b)) > limit {
		return b, tooLarge(limit)
	}
	return b, nil
}

// trustedLength is how much of an announced length is allocated before
// any byte arrives. A longer body is read into pooled chunks of this size
// until an eighth of it has arrived, and only then into one allocation of
// its length: a server announcing megabytes and sending a few bytes costs
// a pooled chunk, not the megabytes, and an honest body costs one exact
// allocation still.
const trustedLength = 64 << 10

type chunk = [trustedLength]byte

var chunks = sync.Pool{New: func() any { return new(chunk) }}

// readAnnounced reads a body of the announced length. A body longer than
// announced is the server's error; the transport cuts it.
func readAnnounced(r io.Reader, length int64) ([]byte, error) {
	if length <= trustedLength {
		b := make([]byte, length)
		n, err := io.ReadFull(r, b)
		return b[:n], bodyErr(err)
	}
	var first [16]*chunk
	held := first[:0] // no allocation for the first 16 chunks, 1 MiB
	defer func() {
		for _, c := range held {
			chunks.Put(c)
		}
	}()
	received := int64(0)
	for received*8 < length {
		c := chunks.Get().(*chunk)
		held = append(held, c)
		n, err := io.ReadFull(r, c[:min(trustedLength, length-received)])
		received += int64(n)
		if err != nil {
			return gather(held, received, received), bodyErr(err)
		}
	}
	b := gather(held, received, length)
	n, err := io.ReadFull(r, b[received:])
	return b[:received+int64(n)], bodyErr(err)
}

// gather copies the first n bytes held in chunks into a new slice of size.
func gather(held []*chunk, n, size int64) []byte {
	b := make([]byte, size)
	for i, c := range held {
		copy(b[int64(i)*trustedLength:n], c[:])
	}
	return b
}

// bodyErr wraps a failed read of a body of announced length; EOF means
// fewer bytes than announced.
func bodyErr(err error) error {
	if err == nil {
		return nil
	}
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("reading body: %w", err)
}

func tooLarge(limit int64) error { return fmt.Errorf("%w (%d bytes)", ErrTooLarge, limit) }

// readAtMost is io.ReadAll(io.LimitReader(r, n)) without the LimitReader's
// allocation: it reads until EOF or n bytes. Like io.ReadAll it reads into
// chunks growing by half, then copies them into one slice of the right size
// (a body of unknown length costs about twice its size, where doubling one
// slice costs up to four times).
func readAtMost(r io.Reader, n int64) ([]byte, error) {
	b := make([]byte, 0, min(512, n))
	var first [8][]byte
	chunks := first[:0] // no allocation for the first eight chunks
	total, next := int64(0), int64(256)
	for {
		room := b[len(b):cap(b)]
		if left := n - total - int64(len(b)); int64(len(room)) > left {
			room = room[:left]
		}
		m, err := r.Read(room)
		b = b[:len(b)+m]
		full := total+int64(len(b)) >= n
		if err != nil || full {
			if err == io.EOF {
				err = nil
			}
			if len(chunks) == 0 {
				return b, err
			}
			out := make([]byte, 0, total+int64(len(b)))
			for _, c := range chunks {
				out = append(out, c...)
			}
			return append(out, b...), err
		}
		if cap(b)-len(b) < cap(b)/16 {
			chunks = append(chunks, b)
			total += int64(len(b))
			b = make([]byte, 0, min(next, n-total))
			next += next / 2
		}
	}
}

// failedRead is a read that failed: it fails again with the same error.
type failedRead struct{ err error }

func (f failedRead) Read([]byte) (int, error) { return 0, f.err }

// prefixedBody reads from Reader and closes c.
type prefixedBody struct {
	io.Reader
	c io.Closer
}

func (p *prefixedBody) Close() error { return p.c.Close() }
