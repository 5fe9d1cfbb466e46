package client

import (
	"context"
	"errors"
	"io"
	"slices"
	"sync/atomic"
)

// chunkListeners is a Task's OnChunkReceived listeners, copied on write so
// that each chunk reads them without a lock or an allocation.
type chunkListeners struct {
	list atomic.Pointer[[]chunkListener]
}

type chunkListener struct {
	id int
	fn func([]byte)
}

// OnChunkReceived registers fn to be called with each chunk of the body of
// a request sent with EnableChunked, in order, and returns an id for
// OffChunkReceived (Taro's onChunkReceived). fn runs on the request's
// goroutine, one chunk at a time, and must not keep the slice after it
// returns (its buffer is reused), nor write to it (every listener reads
// the same bytes). Chunks that arrive while no listener is registered are
// dropped, as in Taro: register in a setup of Go, which runs before the
// request starts (as Taro's listeners, registered right after request(),
// hear every chunk), or use Request and Response.Chunks, which cannot miss
// any. A nil fn is not registered (id 0), nor is any on a nil Task.
func (t *Task) OnChunkReceived(fn func([]byte)) int {
	if fn == nil || t == nil {
		return 0
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.nextID++
	old := t.chunks.list.Load()
	var next []chunkListener
	if old != nil {
		next = slices.Clone(*old)
	}
	next = append(next, chunkListener{id: t.nextID, fn: fn})
	t.chunks.list.Store(&next)
	return t.nextID
}

// OffChunkReceived removes the chunk listener with this id. Called from
// another goroutine while a chunk is being handed out, it may return before
// that chunk reaches the listener, which then gets it: the next one it does
// not.
func (t *Task) OffChunkReceived(id int) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	old := t.chunks.list.Load()
	if old == nil {
		return
	}
	next := slices.DeleteFunc(slices.Clone(*old), func(l chunkListener) bool { return l.id == id })
	t.chunks.list.Store(&next)
}

// runChunked is run for a Task with EnableChunked: the Task reads the body
// itself and hands it to its chunk listeners; the callbacks run once the
// body has ended (Taro calls success after the last chunk).
func (c *Client) runChunked(ctx context.Context, opt Option, t *Task) (*Response, error) {
	cb := opt
	opt.Success, opt.Fail, opt.Complete = nil, nil, nil
	resp, err := c.run(ctx, opt)
	if err == nil && resp.Body != nil {
		body := resp.Body
		err = t.pump(ctx, body)
		if _, ok := err.(*Error); err != nil && !ok {
			err = c.fail(&opt, err) // an Abort that the body's reads did not meet
		}
		cp := *resp
		cp.Body = nil // read: nothing left for the caller
		cp.ErrMsg = errMsg(err)
		if s, ok := body.(*stream); ok {
			// The answer is given once the body has ended: the Range
			// requests that resumed it were attempts too.
			cp.Attempts = max(cp.Attempts, s.call.Attempts())
		}
		resp = &cp
	}
	report(&cb, resp, err)
	return resp, err
}

// pump reads body to its end, handing each chunk to the listeners, and
// closes it. An Abort before the last chunk's listeners have returned
// fails it with ErrAbort, as it fails a buffered call until its answer is
// read and checked, also when what is left of the body was already in
// memory (a read that meets no connection does not see the abort), and no
// listener hears a chunk after it.
func (t *Task) pump(ctx context.Context, body io.ReadCloser) error {
	defer body.Close()
	buf := make([]byte, chunkSize)
	for {
		n, err := body.Read(buf)
		if aborted(ctx) {
			if err != nil && err != io.EOF {
				return err // the read's own: it says where the abort met the body
			}
			return ErrAbort
		}
		if n > 0 {
			if l := t.chunks.list.Load(); l != nil {
				for _, cl := range *l {
					cl.fn(buf[:n])
				}
			}
		}
		if err == io.EOF {
			if aborted(ctx) { // by a listener of the last chunk
				return ErrAbort
			}
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// aborted reports whether Task.Abort ended ctx.
func aborted(ctx context.Context) bool {
	return ctx.Err() != nil && errors.Is(context.Cause(ctx), ErrAbort)
}
