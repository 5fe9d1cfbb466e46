package store_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware/store"
)

// WithMaxEntries and WithMaxBytes: "zero or negative is a bound too, not the
// default: nothing is stored". Only the shard count of such a store was
// tested; this holds that a Set, and a Load of a snapshot, keep nothing.
func TestZeroOrNegativeBoundStoresNothing(t *testing.T) {
	full := store.NewMemory()
	if err := full.Set(ctx, "k", entry("data")); err != nil {
		t.Fatal(err)
	}
	var snap bytes.Buffer
	if err := full.Save(&snap); err != nil {
		t.Fatal(err)
	}
	for name, opt := range map[string]store.MemoryOption{
		"WithMaxEntries(0)":  store.WithMaxEntries(0),
		"WithMaxEntries(-1)": store.WithMaxEntries(-1),
		"WithMaxBytes(0)":    store.WithMaxBytes(0),
		"WithMaxBytes(-5)":   store.WithMaxBytes(-5),
	} {
		m := store.NewMemory(opt)
		if err := m.Set(ctx, "k", entry("data")); err != nil {
			t.Fatalf("%s: Set: %v", name, err)
		}
		if _, ok, _ := m.Get(ctx, "k"); ok {
			t.Errorf("%s: an entry was stored", name)
		}
		if err := m.Load(bytes.NewReader(snap.Bytes())); err != nil {
			t.Fatalf("%s: Load: %v", name, err)
		}
		if n, b := m.Len(); n != 0 || b != 0 {
			t.Errorf("%s: %d entries, %d bytes held after a Set and a Load; want none", name, n, b)
		}
	}
}

// SaveFile "writes a snapshot to path atomically: to a temporary file in
// the same directory ... then renamed over path". When it cannot (here the
// path is a directory, so the rename fails after the temporary file was
// written), it says so, leaves no temporary file behind and leaves what was
// at path as it was.
func TestSaveFileFailureLeavesNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "snap")
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(path, "keep"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	m := store.NewMemory()
	if err := m.Set(ctx, "k", entry("data")); err != nil {
		t.Fatal(err)
	}
	if err := m.SaveFile(path); err == nil {
		t.Fatal("SaveFile over a directory reported no error")
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 1 || ents[0].Name() != "snap" || !ents[0].IsDir() {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %q after a failed SaveFile; want the untouched snap/ alone", names)
	}
	if b, err := os.ReadFile(filepath.Join(path, "keep")); err != nil || string(b) != "x" {
		t.Errorf("what was at path changed: %q, %v", b, err)
	}
	// A missing directory: no file is made anywhere.
	if err := m.SaveFile(filepath.Join(dir, "none", "snap")); err == nil {
		t.Error("SaveFile into a missing directory reported no error")
	}
}

// TestZeroMemoryFailsEveryOperation holds the type's doc: a zero or nil
// Memory is not usable and every operation fails, LoadFile of a file that
// does not exist too (it said nil, as a fresh start would).
func TestZeroMemoryFailsEveryOperation(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.snap")
	for name, m := range map[string]*store.Memory{"zero": new(store.Memory), "nil": nil} {
		ctx := context.Background()
		checks := map[string]error{
			"LoadFile missing": m.LoadFile(missing),
			"Load":             m.Load(bytes.NewReader(nil)),
			"Set":              m.Set(ctx, "k", store.Entry{StatusCode: 200}),
		}
		_, _, err := m.Get(ctx, "k")
		checks["Get"] = err
		for op, err := range checks {
			if err == nil || !strings.Contains(err.Error(), "NewMemory") {
				t.Errorf("%s Memory, %s: %v; want the unusable-store error", name, op, err)
			}
		}
	}
}
