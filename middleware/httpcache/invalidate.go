package httpcache

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// invalidateAll deletes the entries of the URLs of index keys keys after an
// unsafe request changed them (RFC 9111 §4.4), or after an answer from
// before such a change was written (put). The deletes are not bounded by
// the caller's context (one lost would serve what the origin has
// changed), but the caller waits for them only as long as its context
// lets it, and only half of what is left before dl, the deadline of its
// answer, when it has one (ok), so that the rest is left to read the
// answer: a storage that stalls (a Redis paused, a store that ignores ctx)
// must not hold the origin's answer past the caller's deadline, or for
// ever. Until they are done, lookups of those URLs find nothing
// (pendingInvalidations), so that what they delete is not served
// meanwhile.
func (t *Transport) invalidateAll(caller context.Context, keys []string, dl time.Time, ok bool) {
	ctx := context.WithoutCancel(caller)
	t.c.pending.begin(keys)
	if caller.Done() == nil && !ok {
		// A caller that can never leave waits for them here.
		for _, k := range keys {
			t.deleteEntry(ctx, k)
		}
		return
	}
	t.c.pending.add(keys, 1)
	done := make(chan struct{})
	t.bg.Add(1)
	go func() {
		defer t.bg.Done()
		defer close(done)
		defer t.c.pending.add(keys, -1)
		defer func() {
			if v := recover(); v != nil {
				t.c.onError(fmt.Errorf("httpcache: invalidating %d URL(s) panicked: %v", len(keys), v))
			}
		}()
		for _, k := range keys {
			t.deleteEntry(ctx, k)
		}
	}()
	var late <-chan time.Time
	if ok {
		timer := time.NewTimer(time.Until(dl) / 2)
		defer timer.Stop()
		late = timer.C
	}
	select {
	case <-done:
	case <-caller.Done():
	case <-late:
	}
}

// pendingInvalidations counts, by index key, the invalidations under way
// that their callers left (and the writes an invalidation began during,
// see writing), and remembers the last ones begun (epoch,
// recent), so that a write of an answer looked up before one of them began
// (the origin may have given it before the change) is not left stored
// (invalidatedSince). It is safe for concurrent use; the zero value has
// none.
type pendingInvalidations struct {
	total atomic.Int32 // how many in all: none, the usual case, asks no lock
	epoch atomic.Int64 // how many invalidations began: a lookup notes it
	mu    sync.Mutex
	n     map[string]int
	// last is the epoch of the newest invalidation begun of each index key,
	// for the last maxRecent begun (order, a ring of them, oldest first
	// from next); dropped is the newest epoch of one forgotten, which
	// answers for every key.
	last    map[string]int64
	order   []recentInvalidation
	next    int
	dropped int64
	// writing counts, by index key, the writes of answers under way (put):
	// an invalidation of their key begun meanwhile counts in n until each
	// is done, so that what one writes after the invalidation's deletes,
	// which it deletes again once written, is not served before. Counts,
	// not a set of writes: a cache write allocates nothing for it.
	writing map[string]keyWrites
	// lost holds the index keys whose delete the storage did not take (a
	// Redis down or cooling down), up to maxRecent of them: each counts in
	// n, so that lookups of its URL miss, until a delete of it is taken or
	// put files the URL under an index of a new generation; each with the
	// number of its last refusal (refusals counts them), so that a delete
	// begun before it does not end it. draining is set while a delete the
	// storage took retries them (deleteEntry).
	lost     map[string]uint64
	refusals atomic.Uint64 // written under mu
	draining bool
}

// deleted notes the outcome of a delete of key k begun when refusals was
// since: gone, or not taken. A delete taken ends only the refusals of k
// noted before it began: one noted since (a later invalidation's, while
// its answer was on the way) may be of a change it did not delete. Once
// the storage takes one, it returns the keys of lost to delete again
// (those of URLs never requested again would stay for ever, and fill the
// bound), unless another delete is doing so; drained ends that.
func (p *pendingInvalidations) deleted(k string, gone bool, since uint64) (retry []string) {
	if !gone && strings.Contains(k, "\x00") {
		return nil // one entry, not a URL's index (a 304's shared copy)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	seq, had := p.lost[k]
	switch {
	case gone:
		if had && seq <= since {
			delete(p.lost, k)
			p.count(k, -1)
		}
	case had || len(p.lost) < maxRecent:
		if p.lost == nil {
			p.lost = make(map[string]uint64)
		}
		p.lost[k] = p.refusals.Add(1)
		if !had {
			p.count(k, 1)
		}
	}
	if gone && len(p.lost) > 0 && !p.draining {
		p.draining = true
		for l := range p.lost {
			retry = append(retry, l)
		}
	}
	return retry
}

// refiled notes that index key k was written anew, under a new generation
// (put): what a delete of it the storage refused was to delete is out of
// reach. Unlike deleted, it retries no other.
func (p *pendingInvalidations) refiled(k string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, had := p.lost[k]; had {
		delete(p.lost, k)
		p.count(k, -1)
	}
}

// again returns, to a retry of refused deletes that had them all taken,
// the keys still refused: those refused while it was under way, which a
// delete taken meanwhile left to it. With none, it ends the draining.
func (p *pendingInvalidations) again() (retry []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for l := range p.lost {
		retry = append(retry, l)
	}
	if retry == nil {
		p.draining = false
	}
	return retry
}

func (p *pendingInvalidations) drained() {
	p.mu.Lock()
	p.draining = false
	p.mu.Unlock()
}

// keyWrites are the writes under way of one index key.
type keyWrites struct {
	n       int    // under way
	counted int    // of them, counted in n by an invalidation begun during them
	begun   uint64 // invalidations of the key begun while writes were under way
}

// pendingWrite is a write of an answer filed under index key key; begun is
// its key's keyWrites.begun when it started: if that moved by its end, an
// invalidation began during it and counted it (begin counts every write
// under way).
type pendingWrite struct {
	key   string
	begun uint64
}

// write notes a write under index key k, before its lookup's epoch is
// checked (invalidatedSince); written ends it once its answer is deleted
// again, if it must be.
func (p *pendingInvalidations) write(k string) pendingWrite {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.writing == nil {
		p.writing = make(map[string]keyWrites)
	}
	kw := p.writing[k]
	kw.n++
	p.writing[k] = kw
	return pendingWrite{key: k, begun: kw.begun}
}

func (p *pendingInvalidations) written(w pendingWrite) {
	p.mu.Lock()
	defer p.mu.Unlock()
	kw := p.writing[w.key]
	if kw.begun != w.begun {
		kw.counted--
		p.count(w.key, -1)
	}
	if kw.n--; kw.n == 0 {
		delete(p.writing, w.key)
	} else {
		p.writing[w.key] = kw
	}
}

// count adds d to the invalidations under way of k; p.mu is held.
func (p *pendingInvalidations) count(k string, d int) {
	p.total.Add(int32(d))
	if p.n == nil {
		p.n = make(map[string]int)
	}
	if p.n[k] += d; p.n[k] <= 0 {
		delete(p.n, k)
	}
}

// maxRecent bounds the invalidations remembered: a write whose lookup came
// before more than that many began is not made (it cannot tell whether
// its URL was one). Enough that a busy origin's unsafe requests do not
// keep every answer of a slow one from being stored.
const maxRecent = 4096

type recentInvalidation struct {
	key   string
	epoch int64
}

// begin notes an invalidation of keys, before its deletes.
func (p *pendingInvalidations) begin(keys []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.order == nil {
		p.order, p.last = make([]recentInvalidation, maxRecent), make(map[string]int64)
	}
	e := p.epoch.Load() + 1
	for _, k := range keys {
		r := &p.order[p.next]
		if r.key != "" && p.last[r.key] == r.epoch {
			// Its key's newest record goes: forgotten.
			delete(p.last, r.key)
			p.dropped = max(p.dropped, r.epoch)
		}
		*r = recentInvalidation{key: k, epoch: e}
		p.last[k] = e
		p.next = (p.next + 1) % len(p.order)
		if kw, ok := p.writing[k]; ok {
			// Every write under way now counts, once.
			p.count(k, kw.n-kw.counted)
			kw.counted, kw.begun = kw.n, kw.begun+1
			p.writing[k] = kw
		}
	}
	p.epoch.Store(e) // after the keys: one who sees e finds them
}

// invalidatedSince reports whether an invalidation of index key k began
// after epoch since (what a lookup noted): when it cannot tell (too many
// since), it says so.
func (p *pendingInvalidations) invalidatedSince(k string, since int64) bool {
	if p.epoch.Load() == since {
		return false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.dropped > since || p.last[k] > since
}

// flightMark is what a flight key counts of the invalidations for a
// request looked up as lk (see flightKey): the newest begun of its URL
// when that began before the lookup, so that invalidations of other URLs
// split no exchange; else (one of its URL began since, and requests
// looked up after it must not join this one) the invalidations of any URL
// begun before the lookup, apart from the first kind by its parity. The
// newest of a URL never goes down (one forgotten counts as dropped), so
// requests looked up on either side of one of its invalidations never
// get one mark.
func (p *pendingInvalidations) flightMark(lk lookup) int64 {
	if lk.epoch == 0 && p.epoch.Load() == 0 {
		return 0
	}
	p.mu.Lock()
	v, ok := p.last[lk.index]
	if !ok {
		v = p.dropped
	}
	p.mu.Unlock()
	if v <= lk.epoch {
		return 2 * v
	}
	return 2*lk.epoch + 1
}

func (p *pendingInvalidations) add(keys []string, d int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, k := range keys {
		p.count(k, d)
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
