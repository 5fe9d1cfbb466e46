package tracing

import (
	"io"
	"net/http"
	"sync"
)

// ender is what ends when a response body does: err is the read error that
// ended it, nil at EOF or on Close.
type ender interface{ end(err error) }

// endOnClose makes e.end run once, when resp's body is closed or read to its
// end. A response without a body ends at once. b is the wrapper's storage
// (part of the caller's allocation). The wrapper keeps the body's Bytes
// method (a layer's buffered body, which the client takes without copying)
// and its Write method (a 101 Switching Protocols body).
func endOnClose(resp *http.Response, e ender, b *body) {
	if resp.Body == nil || resp.Body == http.NoBody {
		e.end(nil)
		return
	}
	b.rc, b.e = resp.Body, e
	switch rc := resp.Body.(type) {
	case interface{ Bytes() []byte }:
		resp.Body = &bufferedBody{b, rc}
	case io.ReadWriteCloser:
		resp.Body = &rwBody{b, rc}
	default:
		resp.Body = b
	}
}

type body struct {
	rc   io.ReadCloser
	e    ender
	once sync.Once
}

func (b *body) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	if err != nil {
		b.finish(err)
	}
	return n, err
}

func (b *body) Close() error {
	err := b.rc.Close()
	b.finish(nil)
	return err
}

func (b *body) finish(err error) {
	if err == io.EOF {
		err = nil
	}
	b.once.Do(func() { b.e.end(err) })
}

type bufferedBody struct {
	*body
	bb interface{ Bytes() []byte }
}

// Bytes returns the buffered body of the layer below.
func (b *bufferedBody) Bytes() []byte { return b.bb.Bytes() }

type rwBody struct {
	*body
	w io.Writer
}

// Write writes to a switched-protocols connection.
func (b *rwBody) Write(p []byte) (int, error) { return b.w.Write(p) }
