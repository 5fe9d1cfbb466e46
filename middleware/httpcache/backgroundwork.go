package httpcache

import "sync"

// backgroundWork counts the goroutines the layer leaves running: the
// revalidations of stale-while-revalidate and the invalidations their
// callers did not wait for (see invalidateAll). Unlike a sync.WaitGroup,
// whose Add from zero must not race its Wait (it panics "WaitGroup is
// reused"), Wait may be called while requests go on and start more: it
// returns once none is running. The zero value has none.
type backgroundWork struct {
	mu   sync.Mutex
	n    int
	idle chan struct{} // closed when n comes to zero; made by a Wait
}

func (b *backgroundWork) Add(d int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.n += d
	if b.n == 0 && b.idle != nil {
		close(b.idle)
		b.idle = nil
	}
}

func (b *backgroundWork) Done() { b.Add(-1) }

// Wait blocks until none is running.
func (b *backgroundWork) Wait() {
	b.mu.Lock()
	if b.n == 0 {
		b.mu.Unlock()
		return
	}
	if b.idle == nil {
		b.idle = make(chan struct{})
	}
	idle := b.idle
	b.mu.Unlock()
	<-idle
}
