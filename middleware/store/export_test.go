package store

import "time"

// Shards is the number of m's shards.
func (m *Memory) Shards() int { return len(m.shards) }

// ShardWaits returns, per shard, the lock acquisitions that waited and how
// long they waited in all.
func (m *Memory) ShardWaits() (waits []int64, waited []time.Duration) {
	for i := range m.shards {
		waits = append(waits, m.shards[i].waits.Load())
		waited = append(waited, time.Duration(m.shards[i].waited.Load()))
	}
	return waits, waited
}

// ShardOf is the index of key's shard.
func (m *Memory) ShardOf(key string) int { return int(m.index(key)) }
