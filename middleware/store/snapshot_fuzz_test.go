package store_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/store"
)

// Whatever a snapshot holds past its magic (its checksum made right, so
// the records themselves are read): no panic, a refusal that is
// ErrBadSnapshot, and every entry a loaded snapshot put in decodes and is
// saved and loaded again whole.
func FuzzSnapshotLoad(f *testing.F) {
	m := store.NewMemory(store.WithTTL(time.Hour))
	ctx := context.Background()
	m.Set(ctx, "k1", sampleEntry())
	m.Set(ctx, "k2", store.Entry{StatusCode: 204})
	var snap bytes.Buffer
	if err := m.Save(&snap); err != nil {
		f.Fatal(err)
	}
	const magic = "TAROSTORE\x01"
	b := snap.Bytes()
	f.Add(b[len(magic) : len(b)-4])
	f.Add([]byte{})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Add([]byte{1, 1, 'k', 0, 0xff, 0xff, 0xff, 0xff, 0x07})
	f.Fuzz(func(t *testing.T, records []byte) {
		data := append([]byte(magic), records...)
		data = binary.BigEndian.AppendUint32(data, crc32.ChecksumIEEE(data))
		m := store.NewMemory(store.WithMaxBytes(1 << 20))
		if err := m.Load(bytes.NewReader(data)); err != nil {
			if !errors.Is(err, store.ErrBadSnapshot) {
				t.Fatalf("%v is not ErrBadSnapshot", err)
			}
			if n, _ := m.Len(); n != 0 {
				t.Fatalf("a refused snapshot left %d entries", n)
			}
			return
		}
		var again bytes.Buffer
		if err := m.Save(&again); err != nil {
			t.Fatal(err)
		}
		m2 := store.NewMemory(store.WithMaxBytes(1 << 20))
		if err := m2.Load(&again); err != nil {
			t.Fatalf("a loaded snapshot, saved again, does not load: %v", err)
		}
		n1, b1 := m.Len()
		n2, b2 := m2.Len()
		if n1 != n2 || b1 != b2 {
			t.Fatalf("saved and loaded again: %d entries, %d bytes; was %d, %d", n2, b2, n1, b1)
		}
	})
}
