package main

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestContinueTakesOnlyTheRangeOf206: --continue appends the bytes the
// 206's Content-Range places and no more. A server that sends more than its
// range (here 500 bytes for bytes 1000-1099) had all of it appended, 400
// bytes of no stated place where the file's next bytes belong, with exit 0.
func TestContinueTakesOnlyTheRangeOf206(t *testing.T) {
	body := []byte(strings.Repeat("0123456789", 300)) // 3000 bytes
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Range") != "bytes=1000-" {
			w.Write(body)
			return
		}
		w.Header().Set("Content-Range", fmt.Sprintf("bytes 1000-1099/%d", len(body)))
		w.Header().Set("Content-Length", "500")
		w.WriteHeader(http.StatusPartialContent)
		w.Write(bytes.Repeat([]byte("X"), 500))
	})
	file := filepath.Join(t.TempDir(), "f.bin")
	os.WriteFile(file, body[:1000], 0o644)
	r := cli(t, srv.URL+"/f", "-o", file, "--continue")
	r.wantCode(t, exitError)
	got, _ := os.ReadFile(file)
	if len(got) != 1100 || !bytes.Equal(got[:1000], body[:1000]) || !bytes.Equal(got[1000:], bytes.Repeat([]byte("X"), 100)) {
		t.Fatalf("file holds %d bytes, want the 1000 it had and the 100 of the range", len(got))
	}
	if !strings.Contains(r.stderr, "more than its Content-Range") || !strings.Contains(r.stderr, "-c resumes it") {
		t.Errorf("stderr %q", r.stderr)
	}
}
