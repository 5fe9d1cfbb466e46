package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// A --cache-file or --store-file that cannot be saved (its directory is
// missing) fails the run before the request: it failed after it, once a
// POST had been applied, with its answer not shown.
func TestUnsavableSnapshotFailsBeforeTheRequest(t *testing.T) {
	srv := newRecorder(t, nil)
	missing := filepath.Join(t.TempDir(), "no-such-dir")
	for _, flag := range []string{"--cache-file", "--store-file"} {
		r := cli(t, flag, filepath.Join(missing, "snap"), "POST", srv.URL+"/orders", "item=book")
		r.wantCode(t, exitError)
		if !strings.Contains(r.stderr, "cannot be saved") {
			t.Errorf("%s: stderr %q", flag, r.stderr)
		}
	}
	if n := len(srv.received(t)); n != 0 {
		t.Errorf("the server got %d requests, want none", n)
	}
	// A savable one is saved, and leaves no temporary file.
	dir := t.TempDir()
	cli(t, "--cache-file", filepath.Join(dir, "http.cache"), srv.URL+"/x").wantCode(t, exitOK)
	if m, _ := filepath.Glob(filepath.Join(dir, "*")); len(m) != 1 {
		t.Errorf("beside the cache: %v", m)
	}
}
