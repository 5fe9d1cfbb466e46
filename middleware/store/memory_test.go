package store_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/store"
)

var ctx = context.Background()

func entry(body string) store.Entry {
	return store.Entry{StatusCode: 200, Body: []byte(body), URL: "http://a.test/"}
}

func mustGet(t *testing.T, s store.Store, key string) (string, bool) {
	t.Helper()
	e, ok, err := s.Get(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	return string(e.Body), ok
}

func TestMemoryGetSetDelete(t *testing.T) {
	m := store.NewMemory()
	if _, ok := mustGet(t, m, "k"); ok {
		t.Fatal("empty store hit")
	}
	m.Set(ctx, "k", entry("one"))
	m.Set(ctx, "k", entry("two"))
	if body, ok := mustGet(t, m, "k"); !ok || body != "two" {
		t.Fatalf("Get = %q, %v", body, ok)
	}
	if n, _ := m.Len(); n != 1 {
		t.Fatalf("Len = %d after overwrite", n)
	}
	m.Delete(ctx, "k")
	if n, b := m.Len(); n != 0 || b != 0 {
		t.Fatalf("Len = %d, %d bytes after delete", n, b)
	}
}

func TestMemoryEvictsLeastRecentlyUsedAtEntryBound(t *testing.T) {
	m := store.NewMemory(store.WithMaxEntries(2))
	m.Set(ctx, "a", entry("A"))
	m.Set(ctx, "b", entry("B"))
	mustGet(t, m, "a") // a is now more recent than b
	m.Set(ctx, "c", entry("C"))
	if _, ok := mustGet(t, m, "b"); ok {
		t.Fatal("b, the least recently used, should be evicted")
	}
	for _, k := range []string{"a", "c"} {
		if _, ok := mustGet(t, m, k); !ok {
			t.Fatalf("%s evicted", k)
		}
	}
}

func TestMemoryByteBound(t *testing.T) {
	one, _ := entry("0123456789").MarshalBinary()
	m := store.NewMemory(store.WithMaxBytes(int64(3 * len(one))))
	for i := 0; i < 5; i++ {
		m.Set(ctx, fmt.Sprint(i), entry("0123456789"))
	}
	n, b := m.Len()
	if n != 3 || b != int64(3*len(one)) {
		t.Fatalf("Len = %d entries, %d bytes; want 3, %d", n, b, 3*len(one))
	}
	if _, ok := mustGet(t, m, "0"); ok {
		t.Fatal("oldest entry kept over the byte bound")
	}
	m.Set(ctx, "huge", entry(string(make([]byte, 4*len(one)))))
	if _, ok := mustGet(t, m, "huge"); ok {
		t.Fatal("an entry larger than the bound must not be stored")
	}
	if n, _ := m.Len(); n != 3 {
		t.Fatalf("a refused entry evicted others: %d left", n)
	}
}

func TestMemoryTTL(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	m := store.NewMemory(store.WithTTL(time.Minute), store.WithMemoryClock(func() time.Time { return now }))
	m.Set(ctx, "k", entry("v"))
	now = now.Add(time.Minute)
	if _, ok := mustGet(t, m, "k"); !ok {
		t.Fatal("entry missing before its TTL ran out")
	}
	now = now.Add(time.Nanosecond)
	if _, ok := mustGet(t, m, "k"); ok {
		t.Fatal("expired entry returned")
	}
}

func TestSnapshotRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "store.snap")
	m := store.NewMemory(store.WithMaxEntries(10))
	for i := 0; i < 5; i++ {
		m.Set(ctx, fmt.Sprint("k", i), entry(fmt.Sprint("body", i)))
	}
	mustGet(t, m, "k0") // most recent now: must survive first when reloaded small
	if err := m.SaveFile(path); err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(path + ".tmp*"); len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
	fresh := store.NewMemory(store.WithMaxEntries(10))
	if err := fresh.LoadFile(path); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		if body, ok := mustGet(t, fresh, fmt.Sprint("k", i)); !ok || body != fmt.Sprint("body", i) {
			t.Fatalf("k%d = %q, %v after reload", i, body, ok)
		}
	}
	small := store.NewMemory(store.WithMaxEntries(1))
	if err := small.LoadFile(path); err != nil {
		t.Fatal(err)
	}
	if _, ok := mustGet(t, small, "k0"); !ok {
		t.Fatal("LRU order lost: the most recently used entry should be the one kept")
	}
}

func TestSnapshotMissingFileIsFreshStart(t *testing.T) {
	m := store.NewMemory()
	if err := m.LoadFile(filepath.Join(t.TempDir(), "none")); err != nil {
		t.Fatalf("missing snapshot: %v", err)
	}
}

func TestSnapshotCorruptLeavesStoreUntouched(t *testing.T) {
	src := store.NewMemory()
	src.Set(ctx, "a", entry("A"))
	src.Set(ctx, "b", entry("B"))
	var buf bytes.Buffer
	if err := src.Save(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	flipped := append([]byte(nil), good...)
	flipped[len(flipped)/2] ^= 1
	cases := map[string][]byte{
		"empty":     nil,
		"foreign":   []byte("{\"not\":\"a snapshot\"}"),
		"truncated": good[:len(good)-7],
		"flipped":   flipped,
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			m := store.NewMemory()
			m.Set(ctx, "mine", entry("kept"))
			path := filepath.Join(t.TempDir(), "snap")
			os.WriteFile(path, data, 0o600)
			err := m.LoadFile(path)
			if !errors.Is(err, store.ErrBadSnapshot) {
				t.Fatalf("err = %v, want ErrBadSnapshot", err)
			}
			if n, _ := m.Len(); n != 1 {
				t.Fatalf("half-loaded: %d entries", n)
			}
			if body, ok := mustGet(t, m, "mine"); !ok || body != "kept" {
				t.Fatal("existing entry lost")
			}
		})
	}
}

// A huge byte bound means "no practical bound", not an overflowed one: the
// snapshot's size limit (twice the bound plus framing) saturates instead of
// wrapping negative and refusing every snapshot. A small bound still
// refuses a snapshot larger than it.
func TestSnapshotHugeByteBound(t *testing.T) {
	body := string(bytes.Repeat([]byte("x"), 2<<20)) // over the 1 MiB of framing slack
	for _, bound := range []int64{math.MaxInt64, math.MaxInt64 - 1, math.MaxInt64 / 2, math.MaxInt64/2 - 1<<19, 1 << 62} {
		m := store.NewMemory(store.WithMaxBytes(bound))
		m.Set(ctx, "k", entry(body))
		var buf bytes.Buffer
		if err := m.Save(&buf); err != nil {
			t.Fatal(err)
		}
		fresh := store.NewMemory(store.WithMaxBytes(bound))
		if err := fresh.Load(bytes.NewReader(buf.Bytes())); err != nil {
			t.Fatalf("WithMaxBytes(%d): valid %d-byte snapshot refused: %v", bound, buf.Len(), err)
		}
		if got, ok := mustGet(t, fresh, "k"); !ok || got != body {
			t.Fatalf("WithMaxBytes(%d): k (%d bytes), %v after reload", bound, len(got), ok)
		}
	}

	big := store.NewMemory()
	big.Set(ctx, "k", entry(body))
	var buf bytes.Buffer
	if err := big.Save(&buf); err != nil {
		t.Fatal(err)
	}
	for _, bound := range []int64{0, -1, math.MinInt64, 1 << 10} {
		err := store.NewMemory(store.WithMaxBytes(bound)).Load(bytes.NewReader(buf.Bytes()))
		if !errors.Is(err, store.ErrBadSnapshot) {
			t.Errorf("WithMaxBytes(%d): a %d-byte snapshot loaded (err %v), want ErrBadSnapshot", bound, buf.Len(), err)
		}
	}
}

// A store with a TTL keeps what it loads from a snapshot no longer than
// the TTL: an entry of a snapshot written without one (or by another
// program, with an expiry far off) expires as if written at the load.
func TestLoadedEntriesExpireByTheTTL(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		src  *store.Memory
	}{
		{"no ttl in the snapshot", store.NewMemory()},
		{"a longer ttl in the snapshot", store.NewMemory(store.WithTTL(1000 * time.Hour))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.src.Set(ctx, "k", store.Entry{StatusCode: 200, Body: []byte(`{}`)}); err != nil {
				t.Fatal(err)
			}
			var snap bytes.Buffer
			if err := tc.src.Save(&snap); err != nil {
				t.Fatal(err)
			}
			now := time.Now()
			clock := func() time.Time { return now }
			dst := store.NewMemory(store.WithTTL(time.Hour), store.WithMemoryClock(clock))
			if err := dst.Load(&snap); err != nil {
				t.Fatal(err)
			}
			if _, ok, _ := dst.Get(ctx, "k"); !ok {
				t.Fatal("loaded entry missing")
			}
			now = now.Add(2 * time.Hour)
			if _, ok, _ := dst.Get(ctx, "k"); ok {
				t.Fatal("a loaded entry outlived the store's one-hour TTL")
			}
		})
	}
}
