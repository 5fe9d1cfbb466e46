package store

import (
	"sync/atomic"

	"github.com/taroreq/taroreq/internal/slots"
)

// plainKeys remembers the keys of plain requests (without Settings) seen
// at least twice, as the client remembers its calls' keys: a key costs a
// SHA-256, its label and an allocation, and a store is for requests made
// again and again. A request is remembered the second time its slot sees
// it (the first time only a fingerprint is kept), so requests made once
// never pay for an entry. A key is a function of method, target and
// partition, all compared before an entry is used. Safe for concurrent use.
type plainKeys struct {
	slots.Table[plainKey]
	seen [slots.Count]atomic.Uint64 // the fingerprint last seen in each slot
}

type plainKey struct{ method, target, partition, key string }

func newPlainKeys() *plainKeys {
	k := new(plainKeys)
	k.Init()
	return k
}

// key is Key(method, target, nil, partition).
func (k *plainKeys) key(method, target, partition string) string {
	fp := k.Hash(target) ^ k.Hash(partition)*0x9e3779b97f4a7c15 ^ uint64(len(method))
	slot := k.Slot(fp)
	if e := slot.Load(); e != nil && e.target == target && e.partition == partition && e.method == method {
		return e.key
	}
	key := Key(method, target, nil, partition)
	if k.seen[fp%slots.Count].Swap(fp) == fp {
		slot.Store(&plainKey{method: method, target: target, partition: partition, key: key})
	}
	return key
}
