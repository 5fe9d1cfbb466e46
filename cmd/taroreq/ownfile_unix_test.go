//go:build unix

package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A --cache-file or --store-file that another user could have written (in
// a shared directory: group- or world-writable, or owned by another user)
// is refused before any request: its entries would answer this user's
// requests as the network's. So is a partition key others can read. A file
// of the user's own, 0600, is used.
func TestSnapshotFilesOthersCouldWriteAreRefused(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(`{"ok":true}`)) })
	dir := t.TempDir()
	for _, flag := range []string{"--cache-file", "--store-file"} {
		file := filepath.Join(dir, strings.TrimPrefix(flag, "--"))
		if r := cli(t, flag, file, srv.URL+"/x"); r.code != 0 {
			t.Fatalf("%s, a new file: exit %d\n%s", flag, r.code, r.stderr)
		}
		before := len(srv.received(t))
		if err := os.Chmod(file, 0o666); err != nil {
			t.Fatal(err)
		}
		r := cli(t, flag, file, srv.URL+"/x")
		if r.code == 0 || !strings.Contains(r.stderr, "open to other users") || len(srv.received(t)) != before {
			t.Errorf("%s, mode 0666: exit %d, %d requests\n%s", flag, r.code, len(srv.received(t))-before, r.stderr)
		}
		if os.Geteuid() == 0 {
			_ = os.Chmod(file, 0o600)
			if err := os.Chown(file, 65534, 65534); err != nil {
				t.Fatal(err)
			}
			r := cli(t, flag, file, srv.URL+"/x")
			if r.code == 0 || !strings.Contains(r.stderr, "belongs to another user") {
				t.Errorf("%s, another user's: exit %d\n%s", flag, r.code, r.stderr)
			}
		}
	}
	key := os.Getenv("TAROREQ_PARTITION_KEY")
	if err := os.Chmod(key, 0o644); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(key, 0o600)
	r := cli(t, "--cache-file", filepath.Join(dir, "other"), srv.URL+"/x")
	if r.code == 0 || !strings.Contains(r.stderr, "partition key") {
		t.Errorf("a partition key others can read: exit %d\n%s", r.code, r.stderr)
	}
}
