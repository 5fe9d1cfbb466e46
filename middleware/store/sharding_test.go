package store_test

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/store"
)

// A store is split in shards only when each can hold a fair sample of it:
// small bounds keep one shard, an exact LRU, as the tests above rely on.
func TestShardCount(t *testing.T) {
	for _, c := range []struct {
		opts []store.MemoryOption
		one  bool
	}{
		{[]store.MemoryOption{store.WithMaxEntries(3)}, true},
		{[]store.MemoryOption{store.WithMaxEntries(0)}, true},
		{[]store.MemoryOption{store.WithMaxEntries(-1)}, true},
		{[]store.MemoryOption{store.WithMaxBytes(1000)}, true},
		{[]store.MemoryOption{store.WithMaxBytes(-5)}, true},
		{nil, false},
		{[]store.MemoryOption{store.WithMaxEntries(1 << 20), store.WithMaxBytes(1 << 40)}, false},
	} {
		n := store.NewMemory(c.opts...).Shards()
		if n&(n-1) != 0 || (n == 1) != c.one || n > 256 {
			t.Errorf("%d options: %d shards (one wanted: %v)", len(c.opts), n, c.one)
		}
	}
	if n := store.NewMemory().Shards(); n < 32 {
		t.Errorf("the default store has %d shards; 32 or more keep each lock under a tenth of the waits", n)
	}
}

// The entry bound is the store's, not each shard's times their number: an
// empty store takes exactly its bound of distinct keys before it evicts,
// and holds exactly its bound afterwards.
func TestShardedEntryBoundIsGlobal(t *testing.T) {
	const bound = 4096
	m := store.NewMemory(store.WithMaxEntries(bound))
	if m.Shards() < 2 {
		t.Fatalf("%d shard", m.Shards())
	}
	fill(t, m, "a", bound)
	for i := 0; i < bound; i++ {
		if _, ok, _ := m.Get(ctx, "a"+strconv.Itoa(i)); !ok {
			t.Fatalf("a%d evicted before the store was full", i)
		}
	}
	fill(t, m, "b", 3*bound)
	if n, _ := m.Len(); n != bound {
		t.Fatalf("%d entries held, want %d", n, bound)
	}
	held := 0
	for i := 0; i < 3*bound; i++ {
		if _, ok, _ := m.Get(ctx, "b"+strconv.Itoa(i)); ok {
			held++
		}
	}
	if held != bound {
		t.Fatalf("%d of the b entries held, want %d (Len and contents disagree)", held, bound)
	}
}

// The byte bound holds after every write, entries of mixed sizes, one of
// them larger than a shard's share of the bound: it is stored, room made
// in other shards.
func TestShardedByteBoundIsGlobal(t *testing.T) {
	const bound = 4 << 20
	m := store.NewMemory(store.WithMaxEntries(1<<20), store.WithMaxBytes(bound))
	if m.Shards() < 2 {
		t.Fatalf("%d shard", m.Shards())
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 5000; i++ {
		m.Set(ctx, strconv.Itoa(i), entry(string(make([]byte, r.IntN(4<<10)))))
		if _, b := m.Len(); b > bound {
			t.Fatalf("write %d: %d bytes held, bound %d", i, b, bound)
		}
	}
	big := string(bytes.Repeat([]byte("x"), bound/2)) // 16 shares or more
	m.Set(ctx, "big", entry(big))
	if got, ok := mustGet(t, m, "big"); !ok || got != big {
		t.Fatal("an entry larger than a shard's share, but within the bound, was not stored")
	}
	if _, b := m.Len(); b > bound {
		t.Fatalf("%d bytes held, bound %d", b, bound)
	}
}

// Within a shard the least recently used goes first: reading a shard's
// oldest entry saves it, and the next oldest goes instead.
func TestShardedLRUWithinShard(t *testing.T) {
	const bound = 1024
	m := store.NewMemory(store.WithMaxEntries(bound))
	fill(t, m, "a", bound)
	// The fullest shard holds its share or more, so it makes room itself.
	byShard := make([][]string, m.Shards()) // keys, oldest first
	s := 0
	for i := 0; i < bound; i++ {
		k := "a" + strconv.Itoa(i)
		byShard[m.ShardOf(k)] = append(byShard[m.ShardOf(k)], k)
		if len(byShard[m.ShardOf(k)]) > len(byShard[s]) {
			s = m.ShardOf(k)
		}
	}
	mine := byShard[s]
	mustGet(t, m, mine[0])
	// Each new key of the shard evicts its least recently used: mine[1],
	// then mine[2], and never mine[0], now its most recently used but one.
	for i, n := 0, 0; n < 2; i++ {
		if k := "new" + strconv.Itoa(i); m.ShardOf(k) == s {
			m.Set(ctx, k, entry("v"))
			n++
		}
	}
	for i, k := range mine[:4] {
		if _, ok := mustGet(t, m, k); ok != (i == 0 || i == 3) {
			t.Errorf("%s (shard's #%d oldest) held: %v", k, i, ok)
		}
	}
	if n, _ := m.Len(); n != bound {
		t.Errorf("%d entries, want %d", n, bound)
	}
}

// A snapshot of a sharded store lists the entries least recently used
// first across shards: loaded into a small store, the most recent stay.
func TestShardedSnapshotOrder(t *testing.T) {
	m := store.NewMemory(store.WithMaxEntries(4096))
	fill(t, m, "k", 1000)
	recent := []string{"k3", "k500", "k999", "k0", "k42"}
	for _, k := range recent {
		time.Sleep(time.Microsecond) // distinct stamps on a coarse clock
		mustGet(t, m, k)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	small := store.NewMemory(store.WithMaxEntries(len(recent)))
	if err := small.Load(&buf); err != nil {
		t.Fatal(err)
	}
	for _, k := range recent {
		if _, ok := mustGet(t, small, k); !ok {
			t.Errorf("%s, one of the %d most recently used, not kept", k, len(recent))
		}
	}
}

// Entries loaded from snapshots, with expiries of their own in any order,
// take their places in the expiry order: once the earlier ones expire,
// they make room before any live entry is evicted.
func TestLoadMergesExpiries(t *testing.T) {
	snap := func(ttl time.Duration, prefix string, n int) *bytes.Buffer {
		src := store.NewMemory(store.WithTTL(ttl))
		fill(t, src, prefix, n)
		var buf bytes.Buffer
		if err := src.Save(&buf); err != nil {
			t.Fatal(err)
		}
		return &buf
	}
	long, short := snap(time.Hour, "long", 20), snap(40*time.Millisecond, "short", 5)
	m := store.NewMemory(store.WithMaxEntries(30), store.WithTTL(time.Hour))
	fill(t, m, "live", 5)
	for _, s := range []*bytes.Buffer{long, short} {
		if err := m.Load(s); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(60 * time.Millisecond)
	fill(t, m, "new", 5) // full: the 5 short ones are swept, nothing evicted
	for _, p := range []struct {
		prefix string
		n      int
	}{{"live", 5}, {"long", 20}, {"new", 5}} {
		for i := 0; i < p.n; i++ {
			if _, ok := mustGet(t, m, p.prefix+strconv.Itoa(i)); !ok {
				t.Errorf("%s%d evicted; the expired entries should have made room", p.prefix, i)
			}
		}
	}
}

// Many goroutines reading, writing, deleting, saving and loading: no race
// (run with -race), and once they are done the store is within its bounds
// and its counts match what it holds.
func TestShardedConcurrentUse(t *testing.T) {
	const bound, keys = 2048, 5000
	const maxBytes = 256 << 10
	m := store.NewMemory(store.WithMaxEntries(bound), store.WithMaxBytes(maxBytes))
	if m.Shards() < 2 {
		t.Fatalf("%d shard", m.Shards())
	}
	var wg sync.WaitGroup
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(g), 7))
			for i := 0; i < 2000; i++ {
				k := strconv.Itoa(r.IntN(keys))
				switch op := r.IntN(100); {
				case op < 40:
					if e, ok, err := m.Get(ctx, k); err != nil || ok && string(e.Body) != k {
						t.Errorf("Get %s = %q, %v", k, e.Body, err)
					}
				case op < 70:
					if e, ok, err := m.View(ctx, k); err != nil || ok && string(e.Body) != k {
						t.Errorf("View %s = %q, %v", k, e.Body, err)
					}
				case op < 95:
					e := store.Entry{StatusCode: 200, Body: []byte(k), URL: strings.Repeat("u", r.IntN(200))}
					m.Set(ctx, k, e)
				case op < 99:
					m.Delete(ctx, k)
				default:
					var buf bytes.Buffer
					if err := m.Save(&buf); err != nil {
						t.Error(err)
					} else if err := m.Load(&buf); err != nil {
						t.Error(err)
					}
				}
			}
		}()
	}
	wg.Wait()
	n, b := m.Len()
	if n > bound || b > maxBytes {
		t.Fatalf("%d entries, %d bytes held; bounds %d, %d", n, b, bound, maxBytes)
	}
	held, size := 0, int64(0)
	for i := 0; i < keys; i++ {
		if e, ok, _ := m.Get(ctx, strconv.Itoa(i)); ok {
			enc, _ := e.MarshalBinary()
			held, size = held+1, size+int64(len(enc))
		}
	}
	if held != n || size != b {
		t.Fatalf("Len says %d entries, %d bytes; the store holds %d, %d", n, b, held, size)
	}
}
