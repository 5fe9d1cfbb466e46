package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The key's directory is made (0700) when missing; a key path that cannot
// be a file is an error naming it, not a temporary file, and exits 1.
func TestPartitionKeyPathErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "such", "partition.key")
	key, err := loadPartitionKey(path)
	if err != nil || len(key) != partitionKeySize {
		t.Fatalf("a key in a missing directory: %x, %v", key, err)
	}
	if fi, err := os.Stat(filepath.Dir(path)); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("the key's directory: %v %v", fi, err)
	}
	dir := t.TempDir() // a directory where the key file should be
	_, err = loadPartitionKey(dir)
	if err == nil || !strings.HasPrefix(err.Error(), dir+":") || strings.Contains(err.Error(), ".taroreq-key-") {
		t.Errorf("a directory as the key: %v", err)
	}
	s := newRecorder(t, nil)
	r := cli(t, "--cache-file", filepath.Join(t.TempDir(), "h.cache"), s.URL+"/x")
	r.wantCode(t, 0)
	if os.Getenv("TAROREQ_PARTITION_KEY") == "" {
		t.Fatal("TestMain sets TAROREQ_PARTITION_KEY")
	}
}
