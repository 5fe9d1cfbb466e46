package store_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"runtime"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/store"
)

// TestLoadRefusesAForgedCountCheaply: a snapshot whose entry count is
// more than its bytes can hold (8 Mi entries in 8 MiB of zeros, with a
// valid checksum) is refused before its records are allocated for: Load
// allocated 56 bytes a counted entry up front, 464 MB for this file, 3.6
// GB for one at the default store's limit.
func TestLoadRefusesAForgedCountCheaply(t *testing.T) {
	var b []byte
	b = append(b, "TAROSTORE\x01"...)
	b = binary.AppendUvarint(b, 8<<20)
	b = append(b, make([]byte, 8<<20+16)...)
	b = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
	m := store.NewMemory()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	err := m.Load(bytes.NewReader(b))
	runtime.ReadMemStats(&after)
	if !errors.Is(err, store.ErrBadSnapshot) {
		t.Fatalf("Load: %v, want ErrBadSnapshot", err)
	}
	// Reading the file costs its size, twice at most.
	if n := after.TotalAlloc - before.TotalAlloc; n > 40<<20 {
		t.Errorf("Load of an 8 MiB file allocated %d MiB", n>>20)
	}
	// The smallest valid records (9 bytes: an empty key, no expiry, an
	// entry of status 0 at time 0) still load.
	src := store.NewMemory()
	for _, k := range []string{"", "\x00"} {
		if err := src.Set(context.Background(), k, store.Entry{StoredAt: time.Unix(0, 0)}); err != nil {
			t.Fatal(err)
		}
	}
	var snap bytes.Buffer
	if err := src.Save(&snap); err != nil {
		t.Fatal(err)
	}
	dst := store.NewMemory()
	if err := dst.Load(&snap); err != nil {
		t.Fatal(err)
	}
	if n, _ := dst.Len(); n != 2 {
		t.Errorf("loaded %d of 2 minimal entries", n)
	}
}
