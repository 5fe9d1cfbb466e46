package store_test

import (
	"strconv"
	"testing"

	"github.com/taroreq/taroreq/middleware/store"
)

// NewMemory's doc promises DefaultMaxEntries (1000) entries and
// DefaultMaxBytes (32 MiB) by default, and the HTTP cache's default storage
// is such a store; the tests gave their own bounds (TestShardedEntryBoundIsGlobal:
// 4096). A store made with no option takes 1000 distinct keys before it
// evicts and holds exactly 1000 after 2000 writes; it keeps an entry of
// 31 MiB and not one of 32 MiB, whose encoding is over the bound.
func TestDefaultMemoryBounds(t *testing.T) {
	if store.DefaultMaxEntries != 1000 || store.DefaultMaxBytes != 32<<20 {
		t.Errorf("defaults %d entries, %d bytes; the doc says 1000 and 32 MiB", store.DefaultMaxEntries, store.DefaultMaxBytes)
	}
	m := store.NewMemory()
	fill(t, m, "a", store.DefaultMaxEntries)
	for i := range store.DefaultMaxEntries {
		if _, ok, _ := m.Get(ctx, "a"+strconv.Itoa(i)); !ok {
			t.Fatalf("a%d evicted before the default store held %d entries", i, store.DefaultMaxEntries)
		}
	}
	fill(t, m, "b", store.DefaultMaxEntries)
	if n, _ := m.Len(); n != store.DefaultMaxEntries {
		t.Errorf("%d entries held after %d writes, want %d", n, 2*store.DefaultMaxEntries, store.DefaultMaxEntries)
	}

	for _, c := range []struct {
		size int
		kept bool
	}{{31 << 20, true}, {32 << 20, false}} {
		m := store.NewMemory()
		if err := m.Set(ctx, "big", store.Entry{StatusCode: 200, Body: make([]byte, c.size)}); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := m.Get(ctx, "big"); ok != c.kept {
			t.Errorf("an entry of %d MiB: kept %v, want %v (the default bound is 32 MiB encoded)", c.size>>20, ok, c.kept)
		}
	}
}
