// Package slots is the table behind taroreq's small caches (the client's
// URLs, store keys and decoded stored values, the store layer's keys of
// plain requests): bounded, lock-free and direct-mapped.
package slots

import (
	"hash/maphash"
	"sync/atomic"
)

// Count is the number of slots of a Table.
const Count = 256

// Table is a direct-mapped table: an entry's slot is its key's hash, a
// newer entry replaces an older one. Entries are never written after they
// are stored, so it is safe for concurrent use. Its zero value hashes with
// the zero seed: call Init before use.
type Table[E any] struct {
	Seed maphash.Seed
	at   [Count]atomic.Pointer[E]
}

// Init gives the table its own hash seed.
func (t *Table[E]) Init() { t.Seed = maphash.MakeSeed() }

// Hash is key's hash under the table's seed.
func (t *Table[E]) Hash(key string) uint64 { return maphash.String(t.Seed, key) }

// Slot is the slot of hash h.
func (t *Table[E]) Slot(h uint64) *atomic.Pointer[E] { return &t.at[h%Count] }
