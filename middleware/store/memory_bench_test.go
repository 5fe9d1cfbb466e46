package store_test

import (
	"context"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/store"
)

// Memory's cost against the number of entries it holds, the store sized to
// hold them. "hot" touches 1,000 of them, spread over the store, so it
// measures the store's own work; "spread" touches all n, so at 1M it also
// pays the CPU cache misses of a heap of a few hundred MB.

var benchSizes = []struct {
	name string
	n    int
}{{"1k", 1_000}, {"100k", 100_000}, {"1M", 1_000_000}}

var benchEntry = store.Entry{StatusCode: 200, Body: []byte(`{"id":7,"name":"taroreq"}`), URL: "http://a.test/"}

func benchKeys(prefix string, n int) []string {
	ks := make([]string, n)
	for i := range ks {
		ks[i] = prefix + strconv.Itoa(i)
	}
	return ks
}

// benchStore returns a store holding n entries, keyed by the returned keys.
func benchStore(b *testing.B, n int) (*store.Memory, []string) {
	m := store.NewMemory(store.WithMaxEntries(n), store.WithMaxBytes(1<<40), store.WithTTL(time.Hour))
	ks := benchKeys("a", n)
	for _, k := range ks {
		if err := m.Set(context.Background(), k, benchEntry); err != nil {
			b.Fatal(err)
		}
	}
	if got, _ := m.Len(); got != n {
		b.Fatalf("%d entries held, want %d", got, n)
	}
	return m, ks
}

// pick returns the key index of iteration i: a permutation of all n
// (spread) or of 1,000 of them evenly spaced (hot).
func pick(i, n int, hot bool) int {
	if hot && n > 1000 {
		return (i * 7919 % 1000) * (n / 1000)
	}
	return i * 7919 % n
}

func BenchmarkMemory(b *testing.B) {
	ctx := context.Background()
	for _, sz := range benchSizes {
		// Built only when one of its benchmarks runs; compare sizes with
		// benchstat -col /entries.
		b.Run("entries="+sz.name, func(b *testing.B) {
			m, ks := benchStore(b, sz.n)
			for _, k := range ks { // View decodes an entry once, on its first view
				m.View(ctx, k)
			}
			plain := make(map[string][]byte, sz.n)
			for _, k := range ks {
				plain[k] = []byte(k)
			}
			runtime.GC() // the fill's garbage is not the benchmarks'
			for _, hot := range []bool{true, false} {
				mode := map[bool]string{true: "hot", false: "spread"}[hot]
				b.Run("Get/"+mode, func(b *testing.B) {
					b.ReportAllocs()
					for i := 0; i < b.N; i++ {
						if _, ok, _ := m.Get(ctx, ks[pick(i, sz.n, hot)]); !ok {
							b.Fatal("miss")
						}
					}
				})
				b.Run("View/"+mode, func(b *testing.B) {
					b.ReportAllocs()
					for i := 0; i < b.N; i++ {
						if _, ok, _ := m.View(ctx, ks[pick(i, sz.n, hot)]); !ok {
							b.Fatal("miss")
						}
					}
				})
				b.Run("Map/"+mode, func(b *testing.B) { // the floor: a map read, no lock, no LRU
					n := 0
					for i := 0; i < b.N; i++ {
						n += len(plain[ks[pick(i, sz.n, hot)]])
					}
					if n == 0 {
						b.Fatal("miss")
					}
				})
				b.Run("SetHit/"+mode, func(b *testing.B) {
					b.ReportAllocs()
					for i := 0; i < b.N; i++ {
						if err := m.Set(ctx, ks[pick(i, sz.n, hot)], benchEntry); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
			// Every write is of a key not held, at capacity: it evicts. The
			// keys alternate between two pools of n, so that the pool written
			// is the one the previous n writes evicted.
			pools := [2][]string{benchKeys("b", sz.n), ks}
			next := 0
			b.Run("SetEvict", func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					w := next
					next++
					if err := m.Set(ctx, pools[w/sz.n%2][w%sz.n], benchEntry); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// BenchmarkMemoryParallel mixes reads (90%, Get and View) and writes (10%,
// a quarter of them of keys not held, which evict) from 64 goroutines on a
// store of 100k entries. Run it with -mutexprofile to see where they wait;
// top-shard-wait-% is the busiest shard's share, which the profile cannot
// tell apart (one call site for every shard's lock).
func BenchmarkMemoryParallel(b *testing.B) {
	const n = 100_000
	m, ks := benchStore(b, n)
	extra := benchKeys("c", n)
	ctx := context.Background()
	b.SetParallelism(max(1, 64/runtime.GOMAXPROCS(0)))
	b.ReportAllocs()
	b.ResetTimer()
	var seeds atomic.Uint64
	b.RunParallel(func(pb *testing.PB) {
		r := seeds.Add(0x9e3779b97f4a7c15) // a distinct start per goroutine
		for pb.Next() {
			r ^= r << 13 // xorshift: no shared state between goroutines
			r ^= r >> 7
			r ^= r << 17
			k := ks[r%n]
			switch op := (r >> 32) % 40; {
			case op < 18:
				m.Get(ctx, k)
			case op < 36:
				m.View(ctx, k)
			case op < 39:
				m.Set(ctx, k, benchEntry)
			default:
				m.Set(ctx, extra[r%n], benchEntry)
			}
		}
	})
	b.StopTimer()
	reportShardWaits(b, m)
}

// reportShardWaits reports the most waited for shard's share of the lock
// waits (how many, how long), and how many shards there are.
func reportShardWaits(b *testing.B, m *store.Memory) {
	waits, waited := m.ShardWaits()
	var n, topN int64
	var all, top time.Duration
	for i := range waits {
		n, topN = n+waits[i], max(topN, waits[i])
		all, top = all+waited[i], max(top, waited[i])
	}
	if n > 0 {
		b.ReportMetric(100*float64(topN)/float64(n), "top-shard-waits-%")
		b.ReportMetric(100*float64(top)/float64(all), "top-shard-wait-time-%")
	}
	b.ReportMetric(float64(m.Shards()), "shards")
}
