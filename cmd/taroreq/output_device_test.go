package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// -o naming a pipe (or a device: /dev/stdout, /dev/null) holds no part to
// resume: no -c version record is left beside it (one was written beside
// /dev/full, in /dev, when the transfer failed), and the error does not
// offer -c.
func TestOutputToAPipeLeavesNoResumeRecord(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Length", "100000")
		_, _ = io.WriteString(w, strings.Repeat("x", 5000))
		panic(http.ErrAbortHandler) // cut
	})
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if f, err := os.Open(fifo); err == nil {
			_, _ = io.Copy(io.Discard, f)
			f.Close()
		}
	}()
	r := cli(t, "--retry-times", "0", "-o", fifo, srv.URL+"/f")
	<-done
	if r.code == exitOK {
		t.Fatalf("a cut transfer exited 0")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("beside the pipe: %v", ents)
	}
	if strings.Contains(r.stderr, "-c resumes") {
		t.Errorf("stderr offers -c for a pipe: %q", r.stderr)
	}
}
