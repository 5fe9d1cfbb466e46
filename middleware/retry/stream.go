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
// 200 answer has a strong ETag or a Last-Modified (and was not
// decompressed by the transport) is continued with Range + If-Range from
// the last byte delivered, each resumption an attempt that takes from the
// retry budget. The resumed answer must be a 206 whose Content-Range
// starts at that byte; a 200 with the same strong ETag (a server that
// ignores Range) is read past the bytes already delivered; any other answer
// ends the stream with ErrResumeRefused, never with bytes out of place.

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
	resp.Body = sb
}

// validators returns the If-Range value that lets resp's body be resumed
// ("" when it cannot be) and its strong ETag, if any.
func validators(req *http.Request, resp *http.Response) (ifRange, etag string) {
	if req.Method != http.MethodGet || req.Header.Get("Range") != "" || resp.StatusCode != http.StatusOK ||
		resp.Uncompressed || strings.EqualFold(resp.Header.Get("Accept-Ranges"), "none") {
		return "", ""
	}
	if et := resp.Header.Get("ETag"); et != "" && !strings.HasPrefix(et, "W/") {
		return et, et
	}
	return resp.Header.Get("Last-Modified"), ""
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

	first     []byte
	ferr      error // the error that came with the last bytes read
	delivered int64
	resumed   int
	err       error // sticky: the stream ended

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
		if !b.t.budget.allow() || !b.retries.take() {
			return cause
		}
		wait, _ := b.t.waitFor(b.attempt, nil)
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
	r.Header = b.req.Header.Clone()
	r.Header.Set("Range", "bytes="+strconv.FormatInt(b.delivered, 10)+"-")
	r.Header.Set("If-Range", b.validator)
	b.call.AddAttempt()
	resp, err := b.t.base.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	switch {
	case resp.StatusCode == http.StatusPartialContent:
		if start, ok := rangeStart(resp.Header.Get("Content-Range")); !ok || start != b.delivered {
			middleware.Discard(resp)
			return nil, fmt.Errorf("%w: Content-Range %q does not start at byte %d",
				ErrResumeRefused, resp.Header.Get("Content-Range"), b.delivered)
		}
		return resp.Body, nil
	case resp.StatusCode == http.StatusOK && b.etag != "" && resp.Header.Get("ETag") == b.etag && !resp.Uncompressed:
		// The same representation, whole: the server ignores Range.
		// Skip what the caller has (no memory kept), then go on.
		if _, err := io.CopyN(io.Discard, resp.Body, b.delivered); err != nil {
			resp.Body.Close()
			return nil, fmt.Errorf("skipping %d bytes of a 200 answer to a Range request: %w", b.delivered, err)
		}
		return resp.Body, nil
	case resp.StatusCode == http.StatusOK:
		middleware.Discard(resp)
		return nil, fmt.Errorf("%w: the server answered 200 to Range bytes=%d- (the resource changed, or ranges are not supported)",
			ErrResumeRefused, b.delivered)
	case Failed(resp, nil):
		middleware.Discard(resp)
		return nil, fmt.Errorf("resuming: status %d", resp.StatusCode)
	}
	middleware.Discard(resp)
	return nil, fmt.Errorf("%w: status %d to Range bytes=%d-", ErrResumeRefused, resp.StatusCode, b.delivered)
}

// rangeStart parses the first byte of "bytes first-last/complete".
func rangeStart(cr string) (int64, bool) {
	rest, ok := strings.CutPrefix(cr, "bytes ")
	if !ok {
		return 0, false
	}
	first, _, ok := strings.Cut(rest, "-")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(first), 10, 64)
	return n, err == nil && n >= 0
}
