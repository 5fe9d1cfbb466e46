package breaker

import (
	"sync/atomic"

	"github.com/sony/gobreaker/v2"
)

type circuit = gobreaker.TwoStepCircuitBreaker[struct{}]

// entry is a circuit in the transport's map, with what eviction needs.
type entry struct {
	cb       *circuit
	used     atomic.Bool  // a request since the last sweep
	inflight atomic.Int32 // requests allowed and not yet reported
	dead     atomic.Bool  // evicted: whoever still holds it looks again
}

// touch marks e used, writing only when needed: the flag is read by every
// request of the origin and written once per sweep.
func (e *entry) touch() {
	if !e.used.Load() {
		e.used.Store(true)
	}
}

// circuit returns key's live entry, making it if needed.
func (t *transport) circuit(key string) *entry {
	for {
		v, ok := t.breakers.Load(key)
		if !ok {
			e := &entry{cb: gobreaker.NewTwoStepCircuitBreaker[struct{}](t.settings(key))}
			e.used.Store(true)
			if v, ok = t.breakers.LoadOrStore(key, e); !ok {
				t.added()
				return e
			}
		}
		e := v.(*entry)
		e.touch()
		if !e.dead.Load() {
			return e
		}
		t.breakers.CompareAndDelete(key, e) // the sweep deletes it too
	}
}

// added runs a sweep when a circuit was added and the last sweep is one
// idle timeout old: the map only grows when circuits are added, so it is
// only then that idle ones need to go, and no goroutine is needed.
func (t *transport) added() {
	if t.idle <= 0 {
		return
	}
	now := t.now()
	t.mu.Lock()
	if now.Sub(t.lastSweep) < t.idle {
		t.mu.Unlock()
		return
	}
	t.lastSweep = now
	t.mu.Unlock()
	t.sweep()
}

// sweep evicts every circuit that had no request since the previous sweep
// (so for at least one idle timeout), is closed, counts no consecutive
// failure and has no request under way: such a circuit is what a new one
// would be, so nothing is lost. The others are marked unused for the next
// sweep. Open, half-open and failing circuits stay, however long idle.
func (t *transport) sweep() {
	t.breakers.Range(func(k, v any) bool {
		e := v.(*entry)
		if e.used.Swap(false) || e.inflight.Load() != 0 {
			return true
		}
		// State first: it starts a new generation (clearing the counts)
		// when a closed circuit's interval is over.
		if e.cb.State() != gobreaker.StateClosed || e.cb.Counts().ConsecutiveFailures != 0 {
			return true
		}
		e.dead.Store(true)
		t.breakers.CompareAndDelete(k, e)
		if l := t.last.Load(); l != nil && l.e == e {
			t.last.CompareAndSwap(l, nil)
		}
		return true
	})
}
