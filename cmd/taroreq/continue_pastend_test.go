package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A 206 to --continue whose Content-Range runs past the complete length it
// states ("bytes 500-1999/1000") places bytes the file does not have: the
// partial file is kept as it was and the run fails, rather than growing
// to 2000 bytes of a 1000-byte file with exit 0.
func TestContinue206PastItsCompleteLength(t *testing.T) {
	body := strings.Repeat("abcdefghij", 100)
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Etag", `"v1"`)
		if r.Header.Get("Range") != "" {
			w.Header().Set("Content-Range", fmt.Sprintf("bytes 500-1999/%d", len(body)))
			w.WriteHeader(http.StatusPartialContent)
			io.WriteString(w, body[500:]+strings.Repeat("X", 1000))
			return
		}
		io.WriteString(w, body)
	})
	file := filepath.Join(t.TempDir(), "f.bin")
	os.WriteFile(file, []byte(body[:500]), 0o644)
	r := cli(t, srv.URL+"/f", "-o", file, "--continue")
	r.wantCode(t, exitError)
	if got, _ := os.ReadFile(file); !bytes.Equal(got, []byte(body[:500])) {
		t.Fatalf("file is %d bytes (an X among them: %v); want the 500 it held", len(got), bytes.Contains(got, []byte("X")))
	}
}

// Content-Range spans: one ending at the last byte of the complete length,
// or of an unknown one, is accepted; one ending at or past it is not.
func TestContentRangeSpanWithinItsCompleteLength(t *testing.T) {
	for cr, want := range map[string]bool{
		"bytes 500-999/1000":  true,
		"bytes 500-1999/*":    true,
		"bytes 500-999/999":   false,
		"bytes 500-1999/1000": false,
	} {
		if _, _, ok := contentRangeSpan(cr); ok != want {
			t.Errorf("%q: ok %v, want %v", cr, ok, want)
		}
	}
}
