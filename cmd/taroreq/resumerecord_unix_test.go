//go:build unix

package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// The record of a cut -o transfer's version sits beside the file, maybe in
// a shared directory: a FIFO put at its name (or a link to a device) is no
// record and is not waited on; it hung the run in open(2) before any
// request. One open to other users' writes is no record either, as the
// snapshot files are; the run's own record is read.
func TestResumeRecordIsReadOnlyFromOwnFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "file.bin")
	if err := syscall.Mkfifo(resumeFile(out), 0o600); err != nil {
		t.Skip("no FIFO:", err)
	}
	done := make(chan string, 1)
	go func() { done <- readValidator(out) }()
	select {
	case v := <-done:
		if v != "" {
			t.Errorf("a FIFO's record %q, want none", v)
		}
	case <-time.After(2 * time.Second):
		// Unblock the open so the goroutine ends with the test.
		if w, err := os.OpenFile(resumeFile(out), os.O_WRONLY, 0); err == nil {
			w.Close()
		}
		t.Fatal("reading the record waited on a FIFO at its name")
	}

	os.Remove(resumeFile(out))
	if err := os.WriteFile(resumeFile(out), []byte(`"v7"`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if v := readValidator(out); v != `"v7"` {
		t.Errorf("own record %q, want \"v7\"", v)
	}
	if err := os.Chmod(resumeFile(out), 0o666); err != nil {
		t.Fatal(err)
	}
	if v := readValidator(out); v != "" {
		t.Errorf("a record others may write read as %q, want none", v)
	}
}
