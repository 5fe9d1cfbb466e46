//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/store"
)

// A FIFO at a --store-file, --cache-file or partition key path that
// another user made (in a shared directory), or one others may write, is
// refused at once: opening it to check it must not wait for a writer (the
// run hung before any request, where the name's own check refused it).
func TestSnapshotOrKeyFIFOIsRefusedWithoutWaiting(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "shared")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFO:", err)
	}
	if err := os.Chmod(fifo, 0o666); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		if err := os.Chown(fifo, 65534, 65534); err != nil {
			t.Fatal(err)
		}
	}
	for name, load := range map[string]func() error{
		"snapshot": func() error { return loadSnapshot(store.NewMemory(), fifo) },
		"key":      func() error { _, err := readOwnKey(fifo); return err },
	} {
		done := make(chan error, 1)
		go func() { done <- load() }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), fifo) {
				t.Errorf("%s: a FIFO others may write: err %v, want it refused", name, err)
			}
		case <-time.After(2 * time.Second):
			// Unblock the open, so that the goroutine ends.
			if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
				w.Close()
			}
			<-done
			t.Errorf("%s: opening a FIFO others may write waited for a writer", name)
		}
	}
}
