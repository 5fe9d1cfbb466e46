package client

import (
	"hash/maphash"
	"sync/atomic"
)

// slots is the table behind the client's caches (URLs, store keys, decoded
// stored values): bounded, lock-free and direct-mapped — an entry's slot is
// its key's hash, a newer entry replaces an older one. Entries are never
// written after they are stored, so it is safe for concurrent use.
type slots[E any] struct {
	seed maphash.Seed
	at   [slotCount]atomic.Pointer[E]
}

const slotCount = 256

func (s *slots[E]) init() { s.seed = maphash.MakeSeed() }

// hash is key's hash under the table's seed.
func (s *slots[E]) hash(key string) uint64 { return maphash.String(s.seed, key) }

// slot is the slot of hash h.
func (s *slots[E]) slot(h uint64) *atomic.Pointer[E] { return &s.at[h%slotCount] }
