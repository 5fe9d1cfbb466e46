package client

import (
	"sync/atomic"

	"github.com/taroreq/taroreq/middleware/store"
)

// keyMemo remembers the store keys of bodiless requests seen at least
// twice: a store is for requests made again and again, and a key costs a
// SHA-256 and an allocation. A request is remembered the second time its
// slot sees it (the first time only a fingerprint is kept), so requests
// made once — unique URLs — never pay for an entry. The key is a function
// of method, URL and partition, all compared before an entry is used. Safe
// for concurrent use.
type keyMemo struct {
	slots[keyEntry]
	seen [slotCount]atomic.Uint64 // the fingerprint last seen in each slot
}

type keyEntry struct{ method, url, partition, key string }

func newKeyMemo() *keyMemo {
	m := new(keyMemo)
	m.init()
	return m
}

// key is store.Key(method, url, nil, partition).
func (m *keyMemo) key(method, url, partition string) string {
	fp := m.hash(url) ^ m.hash(partition)*0x9e3779b97f4a7c15 ^ uint64(len(method))
	slot := m.slot(fp)
	if e := slot.Load(); e != nil && e.url == url && e.partition == partition && e.method == method {
		return e.key
	}
	k := store.Key(method, url, nil, partition)
	if m.seen[fp%slotCount].Swap(fp) == fp {
		slot.Store(&keyEntry{method: method, url: url, partition: partition, key: k})
	}
	return k
}
