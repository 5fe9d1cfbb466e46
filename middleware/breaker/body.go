package breaker

import (
	"context"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
)

// body reports the outcome of a response to its circuit when the body ends:
// a success at EOF or Close, a failure when a read fails (a timeout while
// the body drips) and the layer's failure rule (WithFailure) counts that
// error, nothing when the caller cancelled.
type body struct {
	rc     io.ReadCloser
	ctx    context.Context
	done   func(error)
	e      *entry // whose inflight count the report ends
	resp   *http.Response
	failed func(*http.Response, error) bool
	once   sync.Once
	// closing is set before Close closes the body below: a Read that the
	// close ends reports what Close does, not a failure.
	closing atomic.Bool
}

func (b *body) report(err error) {
	b.once.Do(func() {
		b.done(err)
		b.e.inflight.Add(-1)
	})
}

func (b *body) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	switch {
	case err == io.EOF:
		b.report(nil)
	case err != nil && b.closing.Load():
		b.report(nil) // the caller's Close ended it: as Close reports
	case err != nil && b.ctx.Err() != nil:
		b.report(errCanceled)
	case err != nil && b.failed(b.resp, err):
		b.report(err)
	case err != nil:
		b.report(nil) // an error the caller's rule does not count
	}
	return n, err
}

func (b *body) Close() error {
	b.closing.Store(true)
	err := b.rc.Close()
	b.report(nil) // closed early by the caller: not the server's fault
	return err
}
