//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A run that loses the race to make the key takes the one another run
// placed at the path only if it passes the check a key read first does:
// one that others can read (put there in between, in a shared directory
// TAROREQ_PARTITION_KEY names) is refused, not used as this user's key.
func TestPartitionKeyPlacedByAnotherIsChecked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "partition.key")
	planted := []byte(strings.Repeat("k", partitionKeySize))
	if err := os.WriteFile(path, planted, 0o644); err != nil {
		t.Fatal(err)
	}
	key, err := placeKey(path, make([]byte, partitionKeySize))
	if err == nil || !strings.Contains(err.Error(), "open to other users") {
		t.Errorf("a key others can read, placed while this run made its own: %q, %v", key, err)
	}
}
