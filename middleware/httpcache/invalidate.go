package httpcache

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
)

// invalidateAll deletes the entries of urls after an unsafe request
// changed them (RFC 9111 §4.4). The deletes are not bounded by the
// caller's context (one lost would serve what the origin has changed), but
// the caller waits for them only as long as its context lets it: a storage
// that stalls (a Redis paused, a store that ignores ctx) must not hold the
// origin's answer past the caller's deadline, or for ever. Until they are
// done, lookups of those URLs find nothing (pendingInvalidations), so that
// what they delete is not served meanwhile.
func (t *Transport) invalidateAll(caller context.Context, urls []string) {
	ctx := context.WithoutCancel(caller)
	if caller.Done() == nil {
		// A caller that can never leave waits for them here.
		for _, u := range urls {
			t.invalidate(ctx, u)
		}
		return
	}
	t.pending.add(urls, 1)
	done := make(chan struct{})
	t.bg.Add(1)
	go func() {
		defer t.bg.Done()
		defer close(done)
		defer t.pending.add(urls, -1)
		defer func() {
			if v := recover(); v != nil {
				t.c.onError(fmt.Errorf("httpcache: invalidating %d URL(s) panicked: %v", len(urls), v))
			}
		}()
		for _, u := range urls {
			t.invalidate(ctx, u)
		}
	}()
	select {
	case <-done:
	case <-caller.Done():
	}
}

// pendingInvalidations counts, by index key, the invalidations under way
// that their callers left. It is safe for concurrent use; the zero value
// has none.
type pendingInvalidations struct {
	total atomic.Int32 // how many in all: none, the usual case, asks no lock
	mu    sync.Mutex
	n     map[string]int
}

func (p *pendingInvalidations) add(urls []string, d int) {
	p.total.Add(int32(d * len(urls)))
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.n == nil {
		p.n = make(map[string]int)
	}
	for _, u := range urls {
		k := indexKey(u)
		if p.n[k] += d; p.n[k] <= 0 {
			delete(p.n, k)
		}
	}
}

// has reports whether an invalidation of index key k is under way.
func (p *pendingInvalidations) has(k string) bool {
	if p.total.Load() == 0 {
		return false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.n[k] > 0
}
