package store

import (
	"container/list"
	"context"
	"sync"
	"time"

	gocache "github.com/patrickmn/go-cache"
)

// Default bounds of a Memory store.
const (
	DefaultMaxEntries = 1000
	DefaultMaxBytes   = 32 << 20
)

// Memory is a Store in process memory on go-cache, bounded in entries and
// bytes; when a write goes over a bound, the least recently used entries are
// evicted. Entries are kept encoded, so what a bound counts is what is held.
// go-cache's janitor goroutine is not started (it would outlive the store):
// expired entries are swept when a write needs room. A Memory is safe for
// concurrent use; its zero value is not usable, call NewMemory.
type Memory struct {
	mu         sync.Mutex // guards lru, bytes and the go-cache writes
	items      *gocache.Cache
	lru        list.List // of *memItem, most recently used first
	bytes      int64
	maxEntries int
	maxBytes   int64
	ttl        time.Duration
}

type memItem struct {
	key  string
	data []byte
	elem *list.Element
	view *Entry // data decoded once for View; never written after
}

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
	exp := gocache.NoExpiration
	if m.ttl > 0 {
		exp = m.ttl
	}
	m.items = gocache.New(exp, 0) // 0: no janitor goroutine
	// go-cache calls this on Delete and DeleteExpired, with m.mu held by
	// us, so the accounting stays exact.
	m.items.OnEvicted(func(_ string, v any) { m.forget(v.(*memItem)) })
	return m
}

func (m *Memory) forget(it *memItem) {
	if it.elem != nil {
		m.lru.Remove(it.elem)
		it.elem = nil
		m.bytes -= int64(len(it.data))
	}
}

// Get returns the entry stored under key.
func (m *Memory) Get(_ context.Context, key string) (Entry, bool, error) {
	m.mu.Lock()
	v, ok := m.items.Get(key)
	if !ok {
		m.mu.Unlock()
		return Entry{}, false, nil
	}
	it := v.(*memItem)
	if it.elem != nil {
		m.lru.MoveToFront(it.elem)
	}
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
	v, ok := m.items.Get(key)
	if !ok {
		return Entry{}, false, nil
	}
	it := v.(*memItem)
	if it.elem != nil {
		m.lru.MoveToFront(it.elem)
	}
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
	m.put(key, data, gocache.DefaultExpiration)
	return nil
}

// put adds data under key with go-cache's expiration d; m.mu is held.
func (m *Memory) put(key string, data []byte, d time.Duration) {
	m.items.Delete(key) // forgets the old item, if any
	if int64(len(data)) > m.maxBytes || m.maxEntries <= 0 {
		return
	}
	if m.lru.Len() >= m.maxEntries || m.bytes+int64(len(data)) > m.maxBytes {
		m.items.DeleteExpired()
	}
	for m.lru.Len() >= m.maxEntries || m.bytes+int64(len(data)) > m.maxBytes {
		m.items.Delete(m.lru.Back().Value.(*memItem).key)
	}
	it := &memItem{key: key, data: data}
	it.elem = m.lru.PushFront(it)
	m.bytes += int64(len(data))
	m.items.Set(key, it, d)
}

// Delete removes key's entry.
func (m *Memory) Delete(_ context.Context, key string) error {
	m.mu.Lock()
	m.items.Delete(key)
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
