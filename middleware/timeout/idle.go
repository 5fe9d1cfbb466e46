package timeout

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"sync"
	"sync/atomic"
	"time"

	"github.com/taroreq/taroreq/middleware"
)

// A streamed call (middleware.Settings.Streaming) may last as long as the
// server keeps sending: the deadline bounds the wait for the headers and
// then each wait for more of the body, not the whole attempt. The timer
// runs only while a Read waits on the network, so a caller that is slow to
// take the chunks is not cut.
//
// One Read of an HTTP/1 chunked body does not return until the chunk being
// read has come whole or the caller's buffer is full (net/http's chunked
// reader), however long its bytes take: a large chunk over a slow link
// makes one Read last longer than the deadline while bytes keep coming.
// So over a connection that tells when bytes arrive on it (readWatcher:
// transports.Default's, also under TLS), each arrival during a Read restarts
// the timer; over another, a Read's length is all there is to go by.

// readWatcher is a connection that calls a function each time it reads
// bytes (transports' strayGuard): WatchReads sets it, in place of the one
// set before, and the function it returns removes it.
type readWatcher interface {
	WatchReads(fn func()) (stop func())
}

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
	var conn atomic.Pointer[net.Conn]
	if perRead {
		sent = httptrace.WithClientTrace(sent, &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
			conn.Store(&info.Conn)
		}})
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
	ib := &idleBody{rc: resp.Body, ctx: ctx, cancel: cancel, timer: timer, d: d}
	if c := conn.Load(); d > 0 && resp.ProtoMajor == 1 && c != nil {
		// HTTP/1 alone: an HTTP/2 connection carries other streams, whose
		// bytes say nothing of this one's (whose Reads return as bytes come).
		if w := watcherOf(*c); w != nil {
			ib.unwatch = w.WatchReads(ib.progress)
		}
	}
	resp.Body = ib
	return resp, nil
}

// watcherOf is c, or the connection under c's TLS, as a readWatcher; nil
// when it is not one.
func watcherOf(c net.Conn) readWatcher {
	if w, ok := c.(readWatcher); ok {
		return w
	}
	if tc, ok := c.(interface{ NetConn() net.Conn }); ok {
		if w, ok := tc.NetConn().(readWatcher); ok {
			return w
		}
	}
	return nil
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

	mu      sync.Mutex // reading and the timer's arming, against progress
	reading bool
	unwatch func() // set before the body is handed on; nil without a watcher
}

func (b *idleBody) Read(p []byte) (int, error) {
	if b.d <= 0 {
		return b.rc.Read(p)
	}
	b.mu.Lock()
	b.reading = true
	b.timer.Reset(b.d)
	b.mu.Unlock()
	n, err := b.rc.Read(p)
	b.mu.Lock()
	b.reading = false
	b.timer.Stop()
	b.mu.Unlock()
	if err != nil && b.unwatch != nil {
		b.unwatch() // the body has ended: the connection may take another answer
	}
	if err != nil && err != io.EOF {
		err = explain(b.ctx, b.d, err, true)
	}
	return n, err
}

// progress is the connection's word that bytes came: during a Read, the
// wait starts again. Between Reads the timer stays off (the caller is
// slow, not the server), and the connection's reads for the next answer,
// once this body has ended, do not reach it (Close stops the watch).
func (b *idleBody) progress() {
	b.mu.Lock()
	if b.reading {
		b.timer.Reset(b.d)
	}
	b.mu.Unlock()
}

func (b *idleBody) Close() error {
	err := b.rc.Close()
	b.once.Do(func() {
		if b.unwatch != nil {
			b.unwatch()
		}
		b.mu.Lock()
		b.timer.Stop()
		b.mu.Unlock()
		b.cancel(nil)
	})
	return err
}
