package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"

	"github.com/taroreq/taroreq/middleware"
)

// Streaming (Option.EnableChunked). The body goes to the caller as it
// arrives, through the same layers as any request, with these rules:
//
//   - Request returns once the headers and the first bytes of the body have
//     arrived; Response.Body is the rest, to read and close. Until then the
//     request is retried and failed over as usual; after it, a failure ends
//     the body with an error matching ErrStreamBroken that says how many
//     bytes were delivered, unless the retry layer could resume it (a GET
//     with a strong ETag or a Last-Modified a second older than its Date,
//     see package retry).
//   - Timeout bounds the wait for the headers and then each wait for more
//     of the body: a stream that keeps sending is never cut, one that
//     stalls for Timeout is.
//   - The layers that need the whole body refuse the combination before
//     any I/O (ErrInvalidOption): DataCheck, UseStore, JSONP and Do. The
//     HTTP cache is bypassed: Cache "" means "no-store" and the other modes
//     are refused. A bounded tee would store or judge only what fits, which
//     is not the response the caller asked about.
//   - The client's response bound (WithMaxResponseBytes) does not apply:
//     nothing is held whole.

// ErrStreamBroken matches the error of a streamed body that failed after
// some of it had been delivered; errors.As to *middleware.StreamError
// gives the count.
var ErrStreamBroken = middleware.ErrStreamBroken

// chunkSize is the buffer of Chunks and of a Task's chunk listeners.
const chunkSize = 32 << 10

var errChunkedDo = fmt.Errorf("%w: Do decodes a whole body; use Request with EnableChunked", ErrInvalidOption)

// checkChunked refuses, before any I/O, what needs the whole body.
func checkChunked(opt *Option) error {
	switch {
	case opt.DataCheck != nil:
		return fmt.Errorf("%w: DataCheck needs the whole body, EnableChunked streams it", ErrInvalidOption)
	case opt.UseStore:
		return fmt.Errorf("%w: UseStore stores whole bodies, EnableChunked streams it", ErrInvalidOption)
	case opt.JSONP || opt.JSONPCallback != "":
		return fmt.Errorf("%w: JSONP unwraps a whole body, EnableChunked streams it", ErrInvalidOption)
	case opt.Cache != "" && opt.Cache != CacheNoStore:
		return fmt.Errorf("%w: Cache %q with EnableChunked: the HTTP cache does not store streamed bodies (use \"\" or no-store)",
			ErrInvalidOption, opt.Cache)
	}
	return nil
}

// streamSettings makes s a streamed call's.
func streamSettings(s *middleware.Settings) {
	s.Buffered, s.Streaming = false, true
	s.Cache = string(CacheNoStore)
}

// streamed finishes a streamed request: resp gets the body, unread.
func (c *Client) streamed(ctx context.Context, req *http.Request, hr *http.Response, resp *Response, b *built) (*Response, error) {
	switch {
	case b.hiddenFor(hr):
		// Opaque, and empty: still a Body the caller reads and closes.
		hr.Body.Close()
		return &Response{Attempts: resp.Attempts, ErrMsg: msgOK, Body: http.NoBody}, nil
	case bodiless(hr, req):
		hr.Body.Close()
		resp.Body = http.NoBody
		return resp, nil
	}
	resp.Body = &stream{c: c, ctx: ctx, req: req, rc: hr.Body, call: b.call}
	return resp, nil
}

// stream is a streamed Response.Body: it counts what it delivers and makes
// a read's failure an *Error, a StreamError inside.
type stream struct {
	c         *Client
	ctx       context.Context
	req       *http.Request
	rc        io.ReadCloser
	delivered int64
	// call counts the attempts, the Range requests that resume the body
	// after a break included (a chunked Task reports them at its end).
	call *middleware.Call
}

func (s *stream) Read(p []byte) (int, error) {
	n, err := s.rc.Read(p)
	s.delivered += int64(n)
	if err != nil && err != io.EOF {
		var se *middleware.StreamError
		if !errors.As(err, &se) {
			err = &middleware.StreamError{Delivered: s.delivered, Err: err}
		}
		var e *Error
		if !errors.As(err, &e) {
			err = s.c.failURL(s.req, s.ctx, err)
		}
	}
	return n, err
}

func (s *stream) Close() error { return s.rc.Close() }

// Chunks returns the body as a sequence of chunks, in order, as they
// arrive, then closes it; a failure is the last pair, with a nil chunk.
// Each chunk is valid until the next iteration (the buffer is reused).
// Breaking out of the loop closes the body. For a buffered Response (no
// EnableChunked) it yields Raw once.
func (r *Response) Chunks() iter.Seq2[[]byte, error] {
	return func(yield func([]byte, error) bool) {
		if r == nil || r.Body == nil {
			if r != nil && len(r.Raw) > 0 {
				yield(r.Raw, nil)
			}
			return
		}
		defer r.Body.Close()
		buf := make([]byte, chunkSize)
		for {
			n, err := r.Body.Read(buf)
			if n > 0 && !yield(buf[:n], nil) {
				return
			}
			if err == io.EOF {
				return
			}
			if err != nil {
				yield(nil, err)
				return
			}
		}
	}
}
