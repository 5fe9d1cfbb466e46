package reqlog

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/taroreq/taroreq/client"
)

// TimeoutError is the cause of a request ended by TimeoutInterceptor. It
// matches context.DeadlineExceeded with errors.Is, so the client reports
// "request:fail timeout". It wraps no other error. It is not modified once
// returned: safe to read from several goroutines.
type TimeoutError struct {
	After time.Duration // the interceptor's bound
}

// Error says the request was not done within After.
func (e *TimeoutError) Error() string {
	if e == nil {
		return "taroreq: request not done in time (nil *reqlog.TimeoutError)"
	}
	return fmt.Sprintf("taroreq: request not done within %v (retries included)", e.After)
}

// Is makes errors.Is(err, context.DeadlineExceeded) true.
func (e *TimeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

// Timeout reports true, as net.Error's Timeout does.
func (e *TimeoutError) Timeout() bool { return true }

// TimeoutInterceptor returns Taro's timeoutInterceptor: the logical request
// (every attempt, retry wait and backup URL, the body read included) must
// end within d, or it fails with a *TimeoutError as the context's cause.
// Option.Timeout still bounds each attempt; a deadline already on the
// caller's context that comes sooner still wins. d <= 0 means no deadline.
// A streamed body (EnableChunked, each connection of Events) stays bounded
// by d while it is read, and closing it releases the deadline's timer.
// Taro's waits option.timeout (60 s by default) and rejects while the
// request goes on; here d is the interceptor's, and the call is cancelled.
func TimeoutInterceptor(d time.Duration) client.Interceptor {
	return func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		if d <= 0 {
			return proceed(ctx, opt)
		}
		ctx, cancel := context.WithTimeoutCause(ctx, d, &TimeoutError{After: d})
		resp, err := proceed(ctx, opt)
		if resp != nil && resp.Body != nil && resp.Body != http.NoBody {
			// A streamed body (EnableChunked, Events) is read after
			// proceed returns: the deadline goes on bounding it, and its
			// Close releases the context. The Response may be shared (an
			// inner interceptor's): the copy gets the wrapped body.
			r := *resp
			r.Body = &releasingBody{ReadCloser: resp.Body, release: cancel}
			return &r, err
		}
		cancel()
		return resp, err
	}
}

// releasingBody releases the interceptor's context when the streamed body
// it bounds is closed.
type releasingBody struct {
	io.ReadCloser
	release context.CancelFunc
}

func (b *releasingBody) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}
