package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// -c with an option that keeps -o's buffered path (--data-check, the store,
// --cache-file, JSONP) must not replace the part already downloaded with
// an error page either, as the streamed path does not: it replaced it with
// the 404's body and exited 0.
func TestContinueBufferedKeepsThePartOnAnErrorStatus(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, "not found")
	})
	for name, extra := range map[string][]string{
		"--cache-file": {"--cache-file", filepath.Join(t.TempDir(), "http.cache")},
		"--store-file": {"--store-file", filepath.Join(t.TempDir(), "store.snap")},
	} {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "part.bin")
			if err := os.WriteFile(file, []byte("the first part"), 0o644); err != nil {
				t.Fatal(err)
			}
			r := cli(t, append([]string{"-c", "-o", file, srv.URL + "/f"}, extra...)...)
			r.wantCode(t, exitError)
			if b, _ := os.ReadFile(file); string(b) != "the first part" {
				t.Errorf("the partial file now holds %q", b)
			}
			if !strings.Contains(r.stderr, "kept as it was") {
				t.Errorf("stderr %q", r.stderr)
			}
		})
	}
	// Without a partial file the error page is written, as httpie does.
	file := filepath.Join(t.TempDir(), "new.bin")
	r := cli(t, "-c", "-o", file, srv.URL+"/f", "--cache-file", filepath.Join(t.TempDir(), "c"))
	r.wantCode(t, exitOK)
	if b, _ := os.ReadFile(file); string(b) != "not found" {
		t.Errorf("file %q", b)
	}
}
