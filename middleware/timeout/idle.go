package timeout

import (
	"context"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/taroreq/taroreq/middleware"
)

// A streamed call (middleware.Settings.Streaming) may last as long as the
// server keeps sending: the deadline bounds the wait for the headers and
// then each wait for more of the body, not the whole attempt. The timer
// runs only while a Read waits on the network, so a caller that is slow to
// take the chunks is not cut.

// idle sends req with the headers' deadline d and returns a body whose
// every Read has d to make progress, or, without perRead, as long as it
// takes (Settings.HeadersTimeoutOnly).
func (t *transport) idle(req *http.Request, d time.Duration, perRead bool) (*http.Response, error) {
	ctx, cancel := context.WithCancelCause(req.Context())
	timer := time.AfterFunc(d, func() { cancel(ErrExceeded) })
	sent := ctx
	if bodiless(req) {
		sent = boundSendsOf(ctx, cancel)
	}
	req = req.WithContext(sent)
	body := closeBodyWhenDone(ctx, req)
	resp, err := middleware.RoundTrip(t.base, req)
	timer.Stop()
	if err != nil {
		if context.Cause(ctx) == middleware.ErrResentTooOften {
			err = middleware.ErrResentTooOften // net/http's HTTP/2 transport reports the cancel, not its cause
		} else {
			err = body.blame(explain(ctx, d, err, false))
		}
		cancel(nil)
		return nil, err
	}
	if !perRead {
		d = 0
	}
	resp.Body = &idleBody{rc: resp.Body, ctx: ctx, cancel: cancel, timer: timer, d: d}
	return resp, nil
}

// idleBody arms the timer around each Read (unless d is 0) and releases
// the attempt's context when closed.
type idleBody struct {
	rc     io.ReadCloser
	ctx    context.Context
	cancel context.CancelCauseFunc
	timer  *time.Timer
	d      time.Duration
	once   sync.Once
}

func (b *idleBody) Read(p []byte) (int, error) {
	if b.d <= 0 {
		return b.rc.Read(p)
	}
	b.timer.Reset(b.d)
	n, err := b.rc.Read(p)
	b.timer.Stop()
	if err != nil && err != io.EOF {
		err = explain(b.ctx, b.d, err, true)
	}
	return n, err
}

func (b *idleBody) Close() error {
	err := b.rc.Close()
	b.once.Do(func() {
		b.timer.Stop()
		b.cancel(nil)
	})
	return err
}
