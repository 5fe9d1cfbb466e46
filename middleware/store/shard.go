package store

import (
	"cmp"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// shard is one part of a Memory: the entries whose keys hash to it, under
// its own lock.
type shard struct {
	mu     sync.Mutex // guards everything below but the wait counters
	items  map[string]*memItem
	lru    itemList // most recently used first
	expiry itemList // the items with an expiry, soonest first (see expire)
	bytes  int64
	shareN int // its share of the store's bounds
	shareB int64
	// The lock acquisitions that waited, and their wait in all (ns): they
	// tell whether one shard takes the brunt of the contention, which a
	// mutex profile cannot (it has one call site for every shard).
	waits, waited atomic.Int64
	_             [64]byte // keeps the next shard's lock off these cache lines
}

type memItem struct {
	key   string
	data  []byte   // never written once stored: readers may copy it unlocked
	body  int      // where the body starts in data
	exp   int64    // expiry in Unix ns; 0: never
	used  int64    // Memory.tick when last written or read: Save merges shards by it
	links [2]links // in lru, in expiry
	view  *Entry   // data decoded once for View; never written after
	// storedAt, when restamped, is the entry's StoredAt (Unix ns, as
	// encoded) in place of the one in data: a rewrite of the same response
	// (see rewrite) restamps the item without copying data.
	storedAt  int64
	restamped bool
	// sign is the last sign check of the body (see viewSign), set under
	// the shard's lock: data never changes, nor does the answer.
	sign *signMemo
	// headerPrint is the stored header's middleware.AnswerFields.Print,
	// 0 when the writer did not know it (Set, a snapshot); set under the
	// shard's lock.
	headerPrint uint64
}

// withStamp returns a copy of data, an encoded entry, with StoredAt stamp
// (Unix ns), or data itself if it cannot be decoded that far.
func withStamp(data []byte, stamp int64) []byte {
	from, to, ok := storedAtAt(data)
	if !ok {
		return data
	}
	return withStoredAt(data, from, to, time.Unix(0, stamp))
}

// restamp sets e's StoredAt to the item's when a rewrite restamped it
// (it.stamp() read under the shard's lock), as decoding it would.
func restamp(e *Entry, stamp int64, restamped bool) {
	if restamped {
		e.StoredAt = time.Unix(0, stamp)
	}
}

// held reports whether it is still its shard's item for its key (it is
// in s.items[it.key] exactly while it is in the LRU list: put and drop
// change both): what a second lookup of a long key would tell, for
// nothing. The shard is locked.
func (it *memItem) held() bool { return it.links[0].in }

// expired reports whether it has expired at now (Unix ns).
func (it *memItem) expired(now int64) bool { return it.exp > 0 && now > it.exp }

// lock locks s, counting a wait. TryLock is the compare-and-swap Lock's
// fast path makes anyway, so an uncontended lock costs what it did.
func (s *shard) lock() {
	if s.mu.TryLock() {
		return
	}
	start := time.Now()
	s.mu.Lock()
	s.waits.Add(1)
	s.waited.Add(int64(time.Since(start)))
}

// hit returns key's unexpired item at now, the most recently used from
// tick on, or nil; s is locked.
func (s *shard) hit(key string, now, tick int64) *memItem {
	it, ok := s.items[key]
	if !ok || it.expired(now) {
		return nil
	}
	s.lru.MoveToFront(it)
	it.used = tick
	return it
}

// drop removes it and returns its size; s is locked, and the caller
// accounts for it in the store's totals.
func (s *shard) drop(it *memItem) int64 {
	delete(s.items, it.key)
	s.lru.Remove(it)
	s.expiry.Remove(it)
	s.bytes -= int64(len(it.data))
	return int64(len(it.data))
}

// above reports whether s, given n more entries of b more bytes, holds
// more than its share of a bound.
func (s *shard) above(n int, b int64) bool {
	return s.lru.Len()+n > s.shareN || s.bytes+b > s.shareB
}

// trim makes room for n more entries of b more bytes while the store is
// over a bound: it sweeps s's expired entries, then evicts its least
// recently used while s holds more than its share. It returns what it
// removed, for the caller to account for; s is locked. Its cost does not
// depend on the number of entries: the sweep looks only at the front of
// the expiry list, and each entry goes once.
func (s *shard) trim(m *Memory, n int, b int64, now int64) (dn int, db int64) {
	if !m.over(n, b) {
		return 0, 0
	}
	for it := s.expiry.Front(); it != nil && it.expired(now); it = s.expiry.Front() {
		dn, db = dn-1, db-s.drop(it)
	}
	for s.lru.Len() > 0 && s.above(n, b) && m.over(n+dn, b+db) {
		dn, db = dn-1, db-s.drop(s.lru.Back())
	}
	return dn, db
}

// put adds it, after making room for it, and accounts for it; s is
// locked. It reports whether it went in (not when too large to store),
// not yet in the expiry list (see expire). The store may then be over a
// bound: see rebalance.
func (s *shard) put(m *Memory, it *memItem, now int64) bool {
	if old, ok := s.items[it.key]; ok {
		m.account(-1, -s.drop(old))
	}
	size := int64(len(it.data))
	if size > m.maxBytes || m.maxEntries <= 0 {
		return false
	}
	dn, db := s.trim(m, 1, size, now)
	s.lru.PushFront(it)
	s.items[it.key] = it
	s.bytes += size
	m.account(1+dn, size+db)
	return true
}

// expireWalk bounds how far from the back Set looks for an entry's place
// in the expiry list. Entries with the store's TTL come in expiry order,
// but for goroutines racing between reading the clock and locking, so the
// place is at the back or near it. An entry whose place is further (the
// wall clock stepped back, or a snapshot from a store with a longer TTL
// was loaded) goes where the walk stopped: behind its place, so it is
// swept late, never early.
const expireWalk = 8

// expire puts it, just put, in the expiry list; s is locked.
func (s *shard) expire(it *memItem) {
	at := s.expiry.Back()
	for i := 0; i < expireWalk && at != nil && at.exp > it.exp; i++ {
		at = s.expiry.prev(at)
	}
	s.expiry.insertAfter(it, at)
}

// expireAll puts items just loaded, each with an expiry of its own, in the
// expiry list in their places: sorted, then merged with the list in one
// pass, O(k log k + entries) per Load instead of a walk per entry. Items
// evicted by later ones of the same Load are skipped; s is locked.
func (s *shard) expireAll(items []*memItem) {
	slices.SortStableFunc(items, func(a, b *memItem) int { return cmp.Compare(a.exp, b.exp) })
	var prev *memItem
	at := s.expiry.Front() // the first held entry expiring after the one to place
	for _, it := range items {
		if !it.links[0].in {
			continue
		}
		for at != nil && at.exp <= it.exp {
			prev, at = at, s.expiry.next(at)
		}
		s.expiry.insertAfter(it, prev)
		prev = it
	}
}
