package client

import (
	"hash/maphash"
	"sync/atomic"

	"github.com/taroreq/taroreq/middleware/store"
)

// keyMemo remembers the store keys of bodiless requests seen at least
// twice: a store is for requests made again and again, and a key costs a
// SHA-256 and an allocation. A request is remembered the second time its
// slot sees it (the first time only a fingerprint is kept), so requests
// made once — unique URLs — never pay for an entry. The key is a function
// of method, URL and partition, all compared before an entry is used. It
// is direct-mapped, bounded, lock-free and safe for concurrent use.
type keyMemo struct {
	seed  maphash.Seed
	seen  [keyMemoSlots]atomic.Uint64 // the fingerprint last seen in each slot
	slots [keyMemoSlots]atomic.Pointer[keyEntry]
}

const keyMemoSlots = 256

type keyEntry struct{ method, url, partition, key string }

func newKeyMemo() *keyMemo { return &keyMemo{seed: maphash.MakeSeed()} }

// key is store.Key(method, url, nil, partition).
func (m *keyMemo) key(method, url, partition string) string {
	fp := maphash.String(m.seed, url) ^ maphash.String(m.seed, partition)*0x9e3779b97f4a7c15 ^ uint64(len(method))
	i := fp % keyMemoSlots
	if e := m.slots[i].Load(); e != nil && e.url == url && e.partition == partition && e.method == method {
		return e.key
	}
	k := store.Key(method, url, nil, partition)
	if m.seen[i].Swap(fp) == fp {
		m.slots[i].Store(&keyEntry{method: method, url: url, partition: partition, key: k})
	}
	return k
}
