package retry

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/taroreq/taroreq/middleware"
)

// A streamed call (middleware.Settings.Streaming) is retried and failed
// over only until the first byte of its body arrives: the layer reads that
// first chunk inside the attempt, and hands it up in front of the rest.
// Once the caller may hold bytes, a failure is a *middleware.StreamError
// that says how many it got, unless the body can be resumed: a GET whose
// 200 answer has a strong ETag or, naming no ETag, a strong Last-Modified
// (a second or more before its Date; RFC 9110 §8.8.2.2, §13.1.5), and
// that was not decompressed by the transport nor is an event stream
// (which is live and resumes by Last-Event-ID), is continued with Range + If-Range from the
// last byte delivered, each resumption an attempt that takes from the
// retry budget and waits as retries do (a failed Range answer's
// Retry-After honoured, capped, within the deadline). The resumed answer must be a 206 of the same
// representation (no other ETag or Last-Modified, the same complete length)
// whose Content-Range starts at that byte, and only the bytes that range
// covers are taken from it (a body that runs on past them is a break,
// resumed after them); one that ends before the
// representation does is resumed again where it ends, so a stream of known
// length never ends short with io.EOF. A 200 with the same strong ETag (a
// server that ignores Range) is read past the bytes already delivered; any
// other answer ends the stream with ErrResumeRefused, never with bytes out
// of place.

// ErrResumeRefused: a broken stream could not be resumed because the
// server's answer to the Range request did not continue the same
// representation at the right byte.
var ErrResumeRefused = errors.New("retry: resume refused")

// firstChunk bounds the read that commits a streamed attempt.
const firstChunk = 4 << 10

// firstByte announces resp's headers and reads the first chunk of its body
// under the attempt's timeout. An attempt whose body fails before any byte
// is a failed attempt: it is closed, its status kept on the Call.
func firstByte(call *middleware.Call, resp *http.Response, r *http.Request) (*streamBody, error) {
	if resp.Request == nil {
		resp.Request = r
	}
	call.HeadersReceived(resp)
	if resp.Body == nil || resp.Body == http.NoBody || middleware.Bodiless(r.Method, resp.StatusCode) {
		return nil, nil
	}
	buf := make([]byte, firstChunk)
	n, err := resp.Body.Read(buf)
	for n == 0 && err == nil {
		n, err = resp.Body.Read(buf)
	}
	if n == 0 && err != io.EOF {
		call.SetLastFrom(r, resp)
		resp.Body.Close()
		return nil, fmt.Errorf("reading body: %w", err)
	}
	return &streamBody{rc: resp.Body, first: buf[:n], ferr: err}, nil
}

// commit makes sb resp's body, resumable if resp allows it.
func (t *transport) commit(req *http.Request, resp *http.Response, sb *streamBody, retries budget, attempt int) {
	if sb == nil {
		return
	}
	sb.t, sb.req, sb.call, sb.retries, sb.attempt = t, req, retries.call, retries, attempt
	sb.validator, sb.etag = validators(req, resp)
	sb.total = -1
	if sb.validator != "" {
		sb.total, sb.coding = resp.ContentLength, codingOf(resp.Header)
	}
	resp.Body = sb
}

// streamBody is a committed streamed body: the first chunk, then the rest,
// resumed when it breaks and it may be.
type streamBody struct {
	t         *transport
	req       *http.Request // the caller's: resumptions are copies of it
	call      *middleware.Call
	retries   budget
	attempt   int
	validator string // If-Range; "" when not resumable
	etag      string // the strong ETag, "" without one
	total     int64  // the representation's length, -1 unknown (only a resumable body knows it)
	coding    string // the first answer's Content-Encoding: its bytes are of that coding

	first     []byte
	ferr      error // the error that came with the last bytes read
	delivered int64
	resumed   int
	err       error          // sticky: the stream ended
	failed    *http.Response // the last Range request's failed answer (closed), for its Retry-After

	mu     sync.Mutex // guards rc, closed and stop against a concurrent Close
	rc     io.ReadCloser
	closed bool
	stop   context.CancelFunc // ends the resumption under way, or the resumed body
}

func (b *streamBody) Read(p []byte) (int, error) {
	if len(b.first) > 0 {
		n := copy(p, b.first)
		b.first = b.first[n:]
		b.delivered += int64(n)
		return n, nil
	}
	for {
		if b.err != nil {
			return 0, b.err
		}
		var n int
		err := b.ferr
		if err != nil {
			b.ferr = nil
		} else {
			b.mu.Lock()
			rc := b.rc
			b.mu.Unlock()
			n, err = rc.Read(p)
			b.delivered += int64(n)
		}
		if err == io.EOF && b.total >= 0 && b.delivered < b.total {
			// A 206 that covered less than the rest: a break like any
			// other, resumed where it ended.
			err = fmt.Errorf("%w: %d of %d bytes", io.ErrUnexpectedEOF, b.delivered, b.total)
		}
		switch {
		case err == nil:
			return n, nil
		case err == io.EOF:
			b.err = io.EOF
			return n, io.EOF
		case n > 0:
			b.ferr = err // the bytes first, the failure on the next Read
			return n, nil
		}
		if rerr := b.resume(err); rerr != nil {
			b.err = &middleware.StreamError{Delivered: b.delivered, Resumed: b.resumed, Err: rerr}
		}
	}
}

func (b *streamBody) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil
	}
	b.closed = true
	if b.stop != nil {
		b.stop() // a resumption under way ends now, not after its wait
	}
	return b.rc.Close()
}

// resume continues the body after cause broke it, or returns why not. Its
// wait and its Range request run under a context that Close cancels.
func (b *streamBody) resume(cause error) error {
	ctx, cancel := context.WithCancel(b.req.Context())
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		cancel()
		return cause
	}
	prev := b.stop
	b.stop = cancel
	b.mu.Unlock()
	if prev != nil {
		prev() // the broken body's: it is over
	}
	resumed := false
	defer func() {
		if !resumed {
			cancel()
		}
	}()
	for {
		if b.validator == "" || ctx.Err() != nil {
			return cause
		}
		b.t.budget.failure()
		// A failed Range request's Retry-After is honoured as the
		// attempts' is: capped, and never waited past the deadline.
		wait, fromHeader := b.t.waitFor(b.attempt, b.failed)
		status := 0
		if b.failed != nil {
			status = b.failed.StatusCode
		}
		b.failed = nil
		if fromHeader && wait > b.t.maxRetryAfter {
			return &Error{Kind: ErrRetryAfter, Attempts: b.attempt, Wait: wait, RetryAfter: true, StatusCode: status, Err: cause}
		}
		if dl, ok := ctx.Deadline(); ok && !b.t.now().Add(wait).Before(dl) {
			return &Error{Kind: ErrDeadline, Attempts: b.attempt, Wait: wait, RetryAfter: fromHeader, StatusCode: status, Err: cause}
		}
		if !b.t.budget.allow() || !b.retries.take() {
			return cause
		}
		if werr := b.t.wait(ctx, wait); werr != nil {
			return cause
		}
		b.attempt++
		b.call.AddEventURL(middleware.EventRetry, b.req.URL, fmt.Errorf("resuming at byte %d: %w", b.delivered, cause))
		rc, err := b.reopen(ctx)
		if err == nil {
			b.mu.Lock()
			old, closed := b.rc, b.closed
			b.rc = rc
			b.mu.Unlock()
			old.Close()
			if closed {
				rc.Close()
				return cause
			}
			b.resumed++
			resumed = true // ctx now carries the resumed body: Close cancels it
			return nil
		}
		if errors.Is(err, ErrResumeRefused) {
			return err
		}
		cause = err
	}
}

// reopen sends the Range request and checks that its answer continues the
// body at b.delivered.
func (b *streamBody) reopen(ctx context.Context) (io.ReadCloser, error) {
	r, err := rewind(b.req)
	if err != nil {
		return nil, err
	}
	r = r.WithContext(ctx) // Close cancels the Range request under way too
	r.Header = b.req.Header.Clone()
	r.Header.Set("Range", "bytes="+strconv.FormatInt(b.delivered, 10)+"-")
	r.Header.Set("If-Range", b.validator)
	b.call.AddAttempt()
	resp, err := middleware.RoundTrip(b.t.base, r)
	if err != nil {
		return nil, err
	}
	switch {
	case resp.StatusCode == http.StatusPartialContent:
		span, err := b.continues(resp)
		if err != nil {
			middleware.Discard(resp)
			return nil, err
		}
		// Only the bytes its Content-Range places: a body that runs on
		// past them (a Content-Length or chunks beyond the range) holds
		// bytes of no stated place, and the next Read resumes after them.
		return &rangeBody{ReadCloser: resp.Body, left: span}, nil
	case resp.StatusCode == http.StatusOK && b.etag != "" && etagField(resp.Header) == b.etag && !resp.Uncompressed:
		// The same representation, whole: the server ignores Range.
		// Skip what the caller has (no memory kept), then go on; it is
		// of the length the first answer gave, or it is not the same.
		if err := b.sameCoding(resp); err != nil {
			middleware.Discard(resp)
			return nil, err
		}
		if b.total >= 0 && resp.ContentLength >= 0 && resp.ContentLength != b.total {
			middleware.Discard(resp)
			return nil, fmt.Errorf("%w: a 200 of %d bytes with ETag %s, which had %d", ErrResumeRefused,
				resp.ContentLength, b.etag, b.total)
		}
		if _, err := io.CopyN(io.Discard, resp.Body, b.delivered); err != nil {
			resp.Body.Close()
			return nil, fmt.Errorf("skipping %d bytes of a 200 answer to a Range request: %w", b.delivered, err)
		}
		if b.total >= 0 {
			return &rangeBody{ReadCloser: resp.Body, left: b.total - b.delivered}, nil
		}
		return resp.Body, nil
	case resp.StatusCode == http.StatusOK:
		middleware.Discard(resp)
		return nil, fmt.Errorf("%w: the server answered 200 to Range bytes=%d- (the resource changed, or ranges are not supported)",
			ErrResumeRefused, b.delivered)
	case Failed(resp, nil):
		middleware.Discard(resp)
		b.failed = resp // its header, for the Retry-After of the next wait
		return nil, fmt.Errorf("resuming: status %d", resp.StatusCode)
	}
	middleware.Discard(resp)
	return nil, fmt.Errorf("%w: status %d to Range bytes=%d-", ErrResumeRefused, resp.StatusCode, b.delivered)
}

// continues checks that a 206 answer continues the representation being
// read at b.delivered: its Content-Range starts there, its complete length
// is the representation's (learnt from it when unknown), and it names no
// other ETag or Last-Modified. If-Range asks the server for this much; one
// that ignores it must not splice another representation's bytes in. It
// returns the number of bytes the range covers.
func (b *streamBody) continues(resp *http.Response) (int64, error) {
	cr := resp.Header.Get("Content-Range")
	first, last, complete, ok := contentRange(cr)
	switch {
	case !ok || first != b.delivered:
		return 0, fmt.Errorf("%w: Content-Range %q does not start at byte %d", ErrResumeRefused, cr, b.delivered)
	case complete >= 0 && b.total >= 0 && complete != b.total:
		return 0, fmt.Errorf("%w: Content-Range %q is of another length than %d bytes", ErrResumeRefused, cr, b.total)
	case b.total >= 0 && last >= b.total:
		// "bytes first-last/*" past the end of what the first answer
		// said it holds: bytes of no place in it.
		return 0, fmt.Errorf("%w: Content-Range %q runs past the %d bytes of the representation", ErrResumeRefused, cr, b.total)
	}
	if et := etagField(resp.Header); et != "" && b.etag != "" && et != b.etag {
		return 0, fmt.Errorf("%w: ETag %s, not %s", ErrResumeRefused, et, b.etag)
	}
	if err := b.sameCoding(resp); err != nil {
		return 0, err
	}
	if lm := resp.Header.Get("Last-Modified"); lm != "" && b.etag == "" && lm != b.validator {
		return 0, fmt.Errorf("%w: Last-Modified %s, not %s", ErrResumeRefused, lm, b.validator)
	}
	if b.total < 0 && complete >= 0 {
		b.total = complete
	}
	return last - first + 1, nil
}

// sameCoding refuses an answer to a Range request whose bytes are of
// another content coding than the first answer's (a server that gzips
// one answer and not the other under one strong ETag, which RFC 9110
// §8.8.1 forbids): spliced, the body would be neither.
func (b *streamBody) sameCoding(resp *http.Response) error {
	if c := codingOf(resp.Header); c != b.coding {
		return fmt.Errorf("%w: Content-Encoding %q, where the body began as %q", ErrResumeRefused, c, b.coding)
	}
	return nil
}

// codingOf is h's Content-Encoding, its codings lower-cased and without
// "identity", which codes nothing.
func codingOf(h http.Header) string {
	var out []string
	for _, v := range h.Values("Content-Encoding") {
		for c := range strings.SplitSeq(v, ",") {
			if c = strings.ToLower(strings.TrimSpace(c)); c != "" && c != "identity" {
				out = append(out, c)
			}
		}
	}
	return strings.Join(out, ",")
}
