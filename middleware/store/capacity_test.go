package store_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/store"
)

// fill writes n distinct entries with a TTL (none expires during the test).
func fill(tb testing.TB, m *store.Memory, prefix string, n int) {
	e := store.Entry{StatusCode: 200, Body: []byte(`{"id":7}`)}
	for i := 0; i < n; i++ {
		if err := m.Set(context.Background(), prefix+strconv.Itoa(i), e); err != nil {
			tb.Fatal(err)
		}
	}
}

// A write to a full store costs the same with 100 entries as with 100,000:
// it used to sweep every entry for expired ones (go-cache's DeleteExpired)
// before evicting, O(entries) per write under the store's one lock.
func TestWriteAtCapacityIsFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("fills a store of 100,000 entries")
	}
	const writes = 2000
	// The best of three rounds of writes at capacity, each after a GC: on
	// a loaded machine one round, or the collection of the 100,000 entries
	// just made, took 73 ms against 1.4 ms (session 32), past the bound.
	cost := func(n int) time.Duration {
		m := store.NewMemory(store.WithMaxEntries(n), store.WithTTL(time.Hour))
		fill(t, m, "old", n)
		best := time.Duration(math.MaxInt64)
		for round := range 3 {
			runtime.GC()
			start := time.Now()
			fill(t, m, fmt.Sprint("new", round, "-"), writes)
			best = min(best, time.Since(start))
		}
		if got, _ := m.Len(); got != n {
			t.Fatalf("%d entries held, want %d", got, n)
		}
		return best
	}
	small, large := cost(100), cost(100_000)
	// The old code took about 1000× longer with the large store; allow a
	// wide margin for cache misses and a noisy machine.
	if large > 20*small+20*time.Millisecond {
		t.Errorf("%d writes at capacity: %v with 100,000 entries, %v with 100", writes, large, small)
	}
}

// Expired entries are swept in expiry order, whatever order a snapshot
// loaded them in, before any live entry is evicted; a loaded entry expires
// at its time in a store without a TTL too.
func TestSweepFollowsExpiryOrder(t *testing.T) {
	for _, ttl := range []time.Duration{time.Hour, 0} {
		t.Run(fmt.Sprint("ttl=", ttl), func(t *testing.T) {
			// One clock for both stores, moved by hand: a loaded machine
			// took longer than the 30 ms TTL between the Set and the Get.
			now := time.Now()
			clock := store.WithMemoryClock(func() time.Time { return now })
			m := store.NewMemory(store.WithMaxEntries(3), store.WithTTL(ttl), clock)
			ctx := context.Background()
			e := store.Entry{StatusCode: 200, Body: []byte(`{}`)}
			short := store.NewMemory(store.WithTTL(30*time.Millisecond), clock)
			if err := short.Set(ctx, "a", e); err != nil {
				t.Fatal(err)
			}
			var snap bytes.Buffer
			if err := short.Save(&snap); err != nil {
				t.Fatal(err)
			}
			if err := m.Set(ctx, "live1", e); err != nil {
				t.Fatal(err)
			}
			if err := m.Load(&snap); err != nil { // "a" expires before live1
				t.Fatal(err)
			}
			if _, ok, _ := m.Get(ctx, "a"); !ok {
				t.Fatal("the loaded entry is missing before its expiry")
			}
			if err := m.Set(ctx, "live2", e); err != nil {
				t.Fatal(err)
			}
			now = now.Add(50 * time.Millisecond)
			if _, ok, _ := m.Get(ctx, "a"); ok {
				t.Error("the loaded entry is still found after its expiry")
			}
			if err := m.Set(ctx, "live3", e); err != nil { // full: "a" is swept, nothing evicted
				t.Fatal(err)
			}
			for _, k := range []string{"live1", "live2", "live3"} {
				if _, ok, _ := m.Get(ctx, k); !ok {
					t.Errorf("%s was evicted; the expired entry should have made room", k)
				}
			}
			if n, _ := m.Len(); n != 3 {
				t.Errorf("%d entries, want 3", n)
			}
		})
	}
}

func BenchmarkSetAtCapacity(b *testing.B) {
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			m := store.NewMemory(store.WithMaxEntries(n), store.WithMaxBytes(1<<40), store.WithTTL(time.Hour))
			fill(b, m, "old", n)
			e := store.Entry{StatusCode: 200, Body: []byte(`{"id":7}`)}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := m.Set(context.Background(), "k"+strconv.Itoa(i), e); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
