package main

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// README (Command line): with --store-file the key of the credential
// partition is kept in taroreq/partition.key in the user's configuration
// directory, 0600, made on first use and the same in later runs.
func TestReadmePartitionKeyInTheConfigurationDirectory(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("XDG_CONFIG_HOME names the configuration directory on Linux")
	}
	home := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", home)
	t.Setenv("TAROREQ_PARTITION_KEY", "")
	srv := newRecorder(t, nil)
	snap := filepath.Join(t.TempDir(), "store.snap")
	key := filepath.Join(home, "taroreq", "partition.key")
	cli(t, "--use-store", "--store-file", snap, "-a", "ann:pw", srv.URL+"/conf").wantCode(t, exitOK)
	fi, err := os.Stat(key)
	if err != nil {
		t.Fatalf("no key at %s: %v", key, err)
	}
	if fi.Mode().Perm() != 0o600 || fi.Size() != partitionKeySize {
		t.Fatalf("key %v, %d bytes; want 0600, %d", fi.Mode().Perm(), fi.Size(), partitionKeySize)
	}
	first, _ := os.ReadFile(key)
	cli(t, "--use-store", "--store-file", snap, "-a", "ann:pw", srv.URL+"/conf").wantCode(t, exitOK)
	if again, _ := os.ReadFile(key); string(again) != string(first) {
		t.Fatal("a later run made another key")
	}
}
