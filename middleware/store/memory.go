package store

import (
	"context"
	"sync"
	"time"
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
// entries: expired entries are found in expiry order, each swept once. A
// Memory is safe for concurrent use; its zero value is not usable, call
// NewMemory.
type Memory struct {
	mu         sync.Mutex // guards everything below
	items      map[string]*memItem
	lru        itemList // most recently used first
	expiry     itemList // the items with an expiry, soonest first
	bytes      int64
	maxEntries int
	maxBytes   int64
	ttl        time.Duration
}

type memItem struct {
	key   string
	data  []byte
	exp   int64    // expiry in Unix ns; 0: never
	links [2]links // in lru, in expiry
	view  *Entry   // data decoded once for View; never written after
}

// expired reports whether it has expired at now (Unix ns).
func (it *memItem) expired(now int64) bool { return it.exp > 0 && now > it.exp }

// MemoryOption configures a Memory store. A nil MemoryOption means the
// default.
type MemoryOption func(*Memory)

// WithMaxEntries bounds the number of entries (default DefaultMaxEntries).
func WithMaxEntries(n int) MemoryOption { return func(m *Memory) { m.maxEntries = n } }

// WithMaxBytes bounds the encoded size of all entries (default
// DefaultMaxBytes). An entry larger than the bound is not stored.
func WithMaxBytes(n int64) MemoryOption { return func(m *Memory) { m.maxBytes = n } }

// WithTTL makes entries expire d after they are written; zero (the default)
// keeps them until evicted, as localStorage does.
func WithTTL(d time.Duration) MemoryOption { return func(m *Memory) { m.ttl = d } }

// NewMemory returns an empty Memory store.
func NewMemory(opts ...MemoryOption) *Memory {
	m := &Memory{maxEntries: DefaultMaxEntries, maxBytes: DefaultMaxBytes}
	for _, o := range opts {
		if o != nil {
			o(m)
		}
	}
	m.items = map[string]*memItem{}
	m.lru.which, m.expiry.which = 0, 1
	return m
}

// forget removes it from every index; m.mu is held.
func (m *Memory) forget(it *memItem) {
	delete(m.items, it.key)
	m.lru.Remove(it)
	m.expiry.Remove(it)
	m.bytes -= int64(len(it.data))
}

// Get returns the entry stored under key.
func (m *Memory) Get(_ context.Context, key string) (Entry, bool, error) {
	m.mu.Lock()
	it, ok := m.items[key]
	if !ok || it.expired(time.Now().UnixNano()) {
		m.mu.Unlock()
		return Entry{}, false, nil
	}
	m.lru.MoveToFront(it)
	// The caller owns what Get returns: decode a copy, never the stored
	// bytes (a Response.Raw modified by a user must not change the store).
	data := append([]byte(nil), it.data...)
	m.mu.Unlock()
	var e Entry
	if err := e.UnmarshalBinary(data); err != nil {
		return Entry{}, false, err
	}
	return e, true, nil
}

// View returns the entry stored under key like Get, but shared: its header
// and body are the store's own, decoded once and handed to every viewer, so
// the caller must not modify them (copy what it hands on). It spares a
// reader that only reads, such as the HTTP cache's hit path, a copy and a
// decode per read. A viewed entry is held decoded besides its encoding
// (about its header's size again) until it is replaced or evicted.
func (m *Memory) View(_ context.Context, key string) (Entry, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	it, ok := m.items[key]
	if !ok || it.expired(time.Now().UnixNano()) {
		return Entry{}, false, nil
	}
	m.lru.MoveToFront(it)
	if it.view == nil {
		var e Entry
		if err := e.UnmarshalBinary(it.data); err != nil {
			return Entry{}, false, err
		}
		it.view = &e
	}
	return *it.view, true, nil
}

// Set stores e under key, evicting the least recently used entries when a
// bound is passed.
func (m *Memory) Set(_ context.Context, key string, e Entry) error {
	data, err := e.MarshalBinary()
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var exp int64
	if m.ttl > 0 {
		exp = time.Now().Add(m.ttl).UnixNano()
	}
	m.put(key, data, exp)
	return nil
}

// put adds data under key, expiring at exp (Unix ns; 0: never); m.mu is
// held. Its cost does not depend on the number of entries: the sweep looks
// only at the front of the expiry list, and each entry is swept once.
func (m *Memory) put(key string, data []byte, exp int64) {
	if old, ok := m.items[key]; ok {
		m.forget(old)
	}
	if int64(len(data)) > m.maxBytes || m.maxEntries <= 0 {
		return
	}
	full := func() bool { return m.lru.Len() >= m.maxEntries || m.bytes+int64(len(data)) > m.maxBytes }
	if full() {
		now := time.Now().UnixNano()
		for it := m.expiry.Front(); it != nil && it.expired(now); it = m.expiry.Front() {
			m.forget(it)
		}
	}
	for full() {
		m.forget(m.lru.Back())
	}
	it := &memItem{key: key, data: data, exp: exp}
	m.lru.PushFront(it)
	if exp != 0 {
		// Writes with the store's TTL come in expiry order, so this finds
		// its place at once; only a snapshot's entries may walk further.
		at := m.expiry.Back()
		for at != nil && at.exp > exp {
			at = m.expiry.prev(at)
		}
		m.expiry.insertAfter(it, at)
	}
	m.bytes += int64(len(data))
	m.items[key] = it
}

// Delete removes key's entry.
func (m *Memory) Delete(_ context.Context, key string) error {
	m.mu.Lock()
	if it, ok := m.items[key]; ok {
		m.forget(it)
	}
	m.mu.Unlock()
	return nil
}

// Len returns the number of entries held and their encoded size in bytes
// (expired entries not yet swept included).
func (m *Memory) Len() (entries int, bytes int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.lru.Len(), m.bytes
}
