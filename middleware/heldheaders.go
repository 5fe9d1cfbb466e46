package middleware

import (
	"context"
	"net/http"
	"sync"
)

type heldKey struct{}

// heldHeaders is what HoldHeaders keeps: the answer whose headers wait for
// the layer that may replace it.
type heldHeaders struct {
	hold func(status int) bool
	mu   sync.Mutex
	resp *http.Response
}

// HoldHeaders returns ctx for a request whose answer its caller may not
// get: a layer above decides once it has arrived (the HTTP cache answers a
// 304 to its own revalidation, or a server error under stale-if-error,
// with its entry, as a browser's cache does without showing the page the
// answer it replaced). Call.HeadersReceived keeps the headers of an answer
// whose status hold accepts instead of announcing them. release announces
// what was kept, to call when the answer is the caller's after all; not
// calling it drops them, and the client then announces the answer its
// caller gets.
func HoldHeaders(ctx context.Context, hold func(status int) bool) (_ context.Context, release func()) {
	h := &heldHeaders{hold: hold}
	return context.WithValue(ctx, heldKey{}, h), func() {
		h.mu.Lock()
		resp := h.resp
		h.resp = nil
		h.mu.Unlock()
		if resp != nil {
			CallFrom(ctx).announce(resp)
		}
	}
}

// held reports whether resp's headers wait for a layer above (HoldHeaders),
// and keeps them if so. Only a 304 or a server error can be held: any
// other answer pays no context lookup.
func held(resp *http.Response) bool {
	if resp.StatusCode != http.StatusNotModified && resp.StatusCode < 500 || resp.Request == nil {
		return false
	}
	h, _ := resp.Request.Context().Value(heldKey{}).(*heldHeaders)
	if h == nil || !h.hold(resp.StatusCode) {
		return false
	}
	h.mu.Lock()
	h.resp = resp
	h.mu.Unlock()
	return true
}
