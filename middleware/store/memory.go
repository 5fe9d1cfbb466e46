package store

import (
	"context"
	"errors"
	"hash/maphash"
	"runtime"
	"sync/atomic"
	"time"
	"unsafe"
)

// Default bounds of a Memory store.
const (
	DefaultMaxEntries = 1000
	DefaultMaxBytes   = 32 << 20
)

// Memory is a Store in process memory, bounded in entries and bytes; when
// a write goes over a bound, expired entries are swept, then the least
// recently used entries are evicted. Entries are kept encoded, so what a
// bound counts is what is held. No goroutine sweeps in the background (it
// would outlive the store). Every operation is O(1) in the number of
// entries: expired entries are found in expiry order, each swept once.
//
// A Memory is safe for concurrent use: its entries are split by key hash
// between shards, each with its own lock, map, LRU and expiry lists, so
// that goroutines using different keys seldom wait for each other. The
// bounds are the whole store's: each shard has a share of them, and a write
// over a bound evicts from a shard holding more than its share, its own
// first. So what goes is the least recently used entry of a shard, not
// necessarily of the store. While Sets run, the store may hold one entry
// more per running Set (a Load, up to a shard's share more); once they are
// done, it is within its bounds. A store bounded to fewer than 32 entries or
// 64 KiB has one shard: an exact LRU.
//
// Its zero value (and a nil *Memory) is not usable, call NewMemory: every
// operation of one fails with an error, which the store layer reports and
// skips.
type Memory struct {
	shards     []shard
	mask       uint64 // len(shards)-1, a power of two less one
	seed       maphash.Seed
	maxEntries int
	maxBytes   int64
	ttl        time.Duration
	clock      func() time.Time // nil: time.Now
	// The totals change on every write: a cache line apart from the
	// fields above, which every read uses.
	_       [64]byte
	entries atomic.Int64 // held in all shards
	bytes   atomic.Int64
	cursor  atomic.Uint64 // the shard where rebalance starts looking
	// ticks orders uses across shards for Save (memItem.used): a counter,
	// not the clock, which costs 20 times as much to read.
	ticks atomic.Int64
	// timed is set once an entry may expire (a TTL, or a loaded entry
	// with an expiry): until then no read or write needs the clock.
	timed atomic.Bool
}

// tick returns the next recency stamp.
func (m *Memory) tick() int64 { return m.ticks.Add(1) }

// now returns the time in Unix ns to test expiry against, or 0 while no
// entry can expire (nothing is expired at 0).
func (m *Memory) now() int64 {
	if !m.timed.Load() {
		return 0
	}
	if m.clock != nil {
		return m.clock().UnixNano()
	}
	return time.Now().UnixNano()
}

// Sharding: enough shards that no one lock takes much more than a 32nd of
// the waits (a 16th left the busiest at about 10% under 64 goroutines), but
// none so small that evicting its least recently used entry is a poor
// stand-in for the store's. The default 1000 entries make 32 shards of 31.
const (
	minShards       = 32
	maxShards       = 256
	minShardEntries = 16
	minShardBytes   = 32 << 10
)

// shardCount is a power of two: 4 per P, between minShards and maxShards,
// halved while a shard's share of a bound is under its minimum.
func shardCount(maxEntries int, maxBytes int64) int {
	n := minShards
	for n < 4*runtime.GOMAXPROCS(0) && n < maxShards {
		n *= 2
	}
	for n > 1 && (maxEntries/n < minShardEntries || maxBytes/int64(n) < minShardBytes) {
		n /= 2
	}
	return n
}

// MemoryOption configures a Memory store. A nil MemoryOption means the
// default.
// MemoryOptions only set the configuration when it is built: one may be
// reused for several stores and passed between goroutines.
type MemoryOption func(*Memory)

// WithMaxEntries bounds the number of entries (default DefaultMaxEntries).
// Zero or negative is a bound too, not the default: nothing is stored.
func WithMaxEntries(n int) MemoryOption { return func(m *Memory) { m.maxEntries = n } }

// WithMaxBytes bounds the encoded size of all entries (default
// DefaultMaxBytes). An entry larger than the bound is not stored; zero or
// negative is a bound too, not the default: nothing is stored.
func WithMaxBytes(n int64) MemoryOption { return func(m *Memory) { m.maxBytes = n } }

// WithTTL makes entries expire d after they are written; zero (the default)
// or negative keeps them until evicted, as localStorage does.
func WithTTL(d time.Duration) MemoryOption { return func(m *Memory) { m.ttl = d } }

// WithMemoryClock sets the clock that entries expire by (WithTTL, and the
// expiries of entries loaded from a snapshot); nil means time.Now. It is
// the store layer's WithClock for the Memory store, which is configured
// apart from the layer.
func WithMemoryClock(now func() time.Time) MemoryOption { return func(m *Memory) { m.clock = now } }

// NewMemory returns an empty Memory store.
func NewMemory(opts ...MemoryOption) *Memory {
	m := &Memory{maxEntries: DefaultMaxEntries, maxBytes: DefaultMaxBytes, seed: maphash.MakeSeed()}
	for _, o := range opts {
		if o != nil {
			o(m)
		}
	}
	m.timed.Store(m.ttl > 0)
	n := shardCount(m.maxEntries, m.maxBytes)
	m.shards, m.mask = make([]shard, n), uint64(n-1)
	for i := range m.shards {
		s := &m.shards[i]
		s.items = map[string]*memItem{}
		s.lru.which, s.expiry.which = 0, 1
		// Shares add up to the bounds exactly, so a store over a bound has
		// a shard over its share.
		s.shareN = m.maxEntries / n
		if i < m.maxEntries%n {
			s.shareN++
		}
		s.shareB = m.maxBytes / int64(n)
		if int64(i) < m.maxBytes%int64(n) {
			s.shareB++
		}
	}
	return m
}

// errUnmade is the error of every operation of a Memory that NewMemory did
// not make (nil, or the zero value): the store layer then skips the store
// and reports it, instead of the process panicking.
var errUnmade = errors.New("store: nil or zero Memory (make one with NewMemory)")

// unmade reports whether m is nil or the zero Memory, which has no shard.
func (m *Memory) unmade() bool { return m == nil || len(m.shards) == 0 }

// shard is key's shard.
func (m *Memory) shard(key string) *shard { return &m.shards[m.index(key)] }

func (m *Memory) index(key string) uint64 {
	if m.mask == 0 {
		return 0
	}
	return maphash.String(m.seed, key) & m.mask
}

// over reports whether adding n entries of b bytes, besides what is held,
// passes a bound.
func (m *Memory) over(n int, b int64) bool {
	return m.entries.Load()+int64(n) > int64(m.maxEntries) || m.bytes.Load()+b > m.maxBytes
}

// Get returns the entry stored under key.
func (m *Memory) Get(_ context.Context, key string) (Entry, bool, error) {
	if m.unmade() {
		return Entry{}, false, errUnmade
	}
	s, it := m.hitLocked(key)
	if it == nil {
		s.mu.Unlock()
		return Entry{}, false, nil
	}
	stored, stamp, restamped := it.data, it.storedAt, it.restamped
	s.mu.Unlock()
	// The caller owns what Get returns: decode a copy, never the stored
	// bytes (a Response.Raw modified by a user must not change the store).
	// Stored bytes are never written, so the copy needs no lock: no
	// allocation under a shard's lock, where a GC assist would hold it.
	data := append([]byte(nil), stored...)
	var e Entry
	if err := e.UnmarshalBinary(data); err != nil {
		return Entry{}, false, err
	}
	restamp(&e, stamp, restamped)
	return e, true, nil
}

// View returns the entry stored under key like Get, but shared: its header
// and body are the store's own, decoded once and handed to every viewer, so
// the caller must not modify them (copy what it hands on). It spares a
// reader that only reads, such as the HTTP cache's hit path, a copy and a
// decode per read. A viewed entry is held decoded besides its encoding
// (about its header's size again) until it is replaced or evicted.
func (m *Memory) View(_ context.Context, key string) (Entry, bool, error) {
	if m.unmade() {
		return Entry{}, false, errUnmade
	}
	s, it := m.hitLocked(key)
	if it == nil {
		s.mu.Unlock()
		return Entry{}, false, nil
	}
	stamp, restamped := it.storedAt, it.restamped
	if v := it.view; v != nil {
		s.mu.Unlock()
		e := *v
		restamp(&e, stamp, restamped)
		return e, true, nil
	}
	data := it.data
	s.mu.Unlock()
	// Decoded unlocked (stored bytes are never written): no allocation
	// under the lock. Kept only if the item still holds these bytes.
	e := new(Entry)
	if err := e.UnmarshalBinary(data); err != nil {
		return Entry{}, false, err
	}
	s.lock()
	if it.held() && it.view == nil && unsafe.SliceData(it.data) == unsafe.SliceData(data) {
		it.view = e
	}
	s.mu.Unlock()
	out := *e
	restamp(&out, stamp, restamped)
	return out, true, nil
}

// ViewBody returns the body stored under key, shared as View's is (the
// caller must not modify it), without decoding the rest of the entry: a
// reader that looks only at the body, such as the store layer's sign check
// of an entry that every response rewrites, pays no decode.
func (m *Memory) ViewBody(_ context.Context, key string) ([]byte, bool, error) {
	if m.unmade() {
		return nil, false, errUnmade
	}
	s, it := m.hitLocked(key)
	defer s.mu.Unlock()
	if it == nil {
		return nil, false, nil
	}
	return it.bodyView(), true, nil
}

// hitLocked finds key's item as a read does (recency renewed), its shard
// locked for the caller to unlock; nil when key holds none, or an expired
// one.
func (m *Memory) hitLocked(key string) (*shard, *memItem) {
	s := m.shard(key)
	now := m.now()
	s.lock()
	return s, s.hit(key, now, m.tick())
}

// bodyView is the item's body, shared: its decoded view's, or the stored
// bytes' with no spare capacity to append into.
func (it *memItem) bodyView() []byte {
	if it.view != nil {
		return it.view.Body
	}
	return it.data[it.body:len(it.data):len(it.data)]
}

// Set stores e under key, evicting the least recently used entries when a
// bound is passed. When key holds the same response but for StoredAt, the
// entry is rewritten in place (see rewrite): the same bytes, recency and
// expiry, at the cost of a comparison.
func (m *Memory) Set(_ context.Context, key string, e Entry) error {
	if m.unmade() {
		return errUnmade
	}
	return m.set(m.shard(key), key, e, nil, 0)
}

// set is Set in s, key's shard; hint, when not nil, is an item found under
// key before, which is key's still if the shard holds it.
func (m *Memory) set(s *shard, key string, e Entry, hint *memItem, headerPrint uint64) error {
	now := m.now()
	if m.rewrite(s, key, e, now, hint, headerPrint) {
		return nil
	}
	data, err := e.MarshalBinary()
	if err != nil {
		return err
	}
	it := &memItem{key: key, data: data, body: len(data) - len(e.Body), exp: m.expiry(now), used: m.tick(),
		headerPrint: headerPrint} // allocated before locking
	s.lock()
	if s.put(m, it, now) && it.exp != 0 {
		s.expire(it)
	}
	s.mu.Unlock()
	m.rebalance(s, now)
	return nil
}

// expiry is the expiry of an entry written at now (Unix ns): 0, never,
// without a TTL.
func (m *Memory) expiry(now int64) int64 {
	if m.ttl <= 0 {
		return 0
	}
	return now + int64(m.ttl)
}

// Delete removes key's entry.
func (m *Memory) Delete(_ context.Context, key string) error {
	if m.unmade() {
		return errUnmade
	}
	s := m.shard(key)
	s.lock()
	if it, ok := s.items[key]; ok {
		m.account(-1, -s.drop(it))
	}
	s.mu.Unlock()
	return nil
}

// Len returns the number of entries held and their encoded size in bytes
// (expired entries not yet swept included).
func (m *Memory) Len() (entries int, bytes int64) {
	if m == nil {
		return 0, 0
	}
	return int(m.entries.Load()), m.bytes.Load()
}

// account adds n entries and b bytes to the store's totals.
func (m *Memory) account(n int, b int64) {
	if n != 0 {
		m.entries.Add(int64(n))
	}
	if b != 0 {
		m.bytes.Add(b)
	}
}

// rebalance brings a store over a bound back within it after a write to
// own that could not make room there: own was under its share (so others
// hold more than theirs), or the entry is larger than a share. It visits
// the other shards in turn, one lock at a time, evicting first from those
// over their share; one round of that suffices unless the entry is larger
// than a share, and then the others give their least recently used in
// turn. It costs nothing when the store is within bounds, and otherwise a
// round of locks plus one per entry evicted, whatever the number of
// entries. own is never visited: its front is the entry just written.
func (m *Memory) rebalance(own *shard, now int64) {
	if !m.over(0, 0) {
		return
	}
	start := m.cursor.Add(1)
	others := func(f func(s *shard)) {
		for i := uint64(0); i <= m.mask && m.over(0, 0); i++ {
			if s := &m.shards[(start+i)&m.mask]; s != own {
				s.lock()
				f(s)
				s.mu.Unlock()
			}
		}
	}
	others(func(s *shard) { m.account(s.trim(m, 0, 0, now)) })
	for evicted := true; evicted && m.over(0, 0); {
		evicted = false
		others(func(s *shard) {
			if it := s.lru.Back(); it != nil {
				m.account(-1, -s.drop(it))
				evicted = true
			}
		})
	}
}
