package transports

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
)

// capture watches a body pass through: it keeps its first limit bytes, and
// counts and hashes all of them, so that memory stays bounded whatever the
// body's length. It is safe for concurrent use: a request body is read by
// the transport's goroutine while the caller's goroutine finishes the
// exchange.
type capture struct {
	mu    sync.Mutex
	limit int64
	buf   []byte
	size  int64
	hash  hash.Hash
	eof   bool
	fail  bool // a read failed before the end (see RecordedBody.Broken)
	lead  byte // the first byte that is not white space, once seen
	led   bool // lead is set
}

func newCapture(limit int64) *capture {
	return &capture{limit: limit, hash: sha256.New()}
}

// add records p, the bytes just read, and whether the read hit the end.
func (c *capture) add(p []byte, eof bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if room := c.limit - int64(len(c.buf)); room > 0 {
		c.buf = append(c.buf, p[:min(room, int64(len(p)))]...)
	}
	if !c.led {
		c.lead, c.led = leadByte(p)
	}
	c.size += int64(len(p))
	c.hash.Write(p)
	c.eof = c.eof || eof
}

// body returns what was recorded. The body is whole when its end was read,
// or when length (if known, >= 0) bytes were read.
func (c *capture) body(length int64) RecordedBody {
	c.mu.Lock()
	defer c.mu.Unlock()
	whole := c.eof || length >= 0 && c.size >= length
	return newRecordedBody(c.buf, c.size, hex.EncodeToString(c.hash.Sum(nil)),
		!whole || c.size > int64(len(c.buf)))
}

// recorded is body redacted (see redactBody) for a body sent with header h
// (see kindHeader).
func (c *capture) recorded(length int64, h http.Header) RecordedBody {
	b := c.body(length)
	c.mu.Lock()
	lead, fail := c.lead, c.fail && !c.eof
	c.mu.Unlock()
	b = redactBody(h, kindOf(h, lead), b)
	b.Broken = fail
	return b
}

// failed records that a read of the body failed before its end.
func (c *capture) failed() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.fail = true
}

// emptyBody is the RecordedBody of a request or response without a body.
func emptyBody() RecordedBody { return newCapture(0).body(0) }

// teeBody is a request body that records what the transport reads of it.
type teeBody struct {
	rc io.ReadCloser
	c  *capture
}

func (t *teeBody) Read(p []byte) (int, error) {
	n, err := t.rc.Read(p)
	t.c.add(p[:n], err == io.EOF)
	return n, err
}

func (t *teeBody) Close() error { return t.rc.Close() }

// recordingBody is a response body that records what the caller reads of
// it, and hands the record to done once: when the caller reads its end, or
// closes it.
type recordingBody struct {
	rc     io.ReadCloser
	c      *capture
	length int64       // the body's length when whole, -1 if unknown
	header http.Header // what tells how to redact it (kindHeader)
	done   func(RecordedBody) error

	once    sync.Once
	err     error       // what done returned
	closing atomic.Bool // Close was called: a read it ends did not fail
}

func newRecordingBody(resp *http.Response, limit int64, done func(RecordedBody) error) *recordingBody {
	b := &recordingBody{rc: resp.Body, c: newCapture(limit), length: resp.ContentLength,
		header: kindHeader(resp.Header), done: done}
	if b.rc == nil || b.rc == http.NoBody || resp.Request != nil && resp.Request.Method == http.MethodHead {
		b.length = 0 // no body follows, whatever Content-Length says
	}
	if b.rc == nil {
		b.rc = http.NoBody
	}
	return b
}

func (b *recordingBody) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	b.c.add(p[:n], err == io.EOF)
	switch {
	case err == io.EOF:
		b.finish()
	case err != nil && !b.closing.Load():
		b.c.failed() // not one that the caller's Close ended
	}
	return n, err
}

// Close closes the body and reports an error writing the exchange.
func (b *recordingBody) Close() error {
	b.closing.Store(true)
	err := b.rc.Close()
	return errors.Join(err, b.finish())
}

func (b *recordingBody) finish() error {
	b.once.Do(func() { b.err = b.done(b.c.recorded(b.length, b.header)) })
	return b.err
}
