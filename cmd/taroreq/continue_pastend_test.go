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
	"time"
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

// Whatever a 206's or a 416's Content-Range says: no panic, and an
// accepted span covers at least one byte (-c appends exactly that many).
func FuzzContentRangeSpan(f *testing.F) {
	for _, s := range []string{"bytes 0-9/10", "bytes 5-9/*", "bytes 9-5/10", "bytes */10", "bytes */-1",
		"bytes 0-9223372036854775807/*", "bytes 1-2", "bytes -3/4", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, cr string) {
		if first, last, ok := contentRangeSpan(cr); ok && (first < 0 || last-first+1 <= 0) {
			t.Fatalf("%q: %d-%d, a span of %d", cr, first, last, last-first+1)
		}
		if n, ok := unsatisfiedRangeSize(cr); ok && n < 0 {
			t.Fatalf("%q: size %d", cr, n)
		}
	})
}

// A megabyte of adversarial Content-Range is parsed in linear time.
func TestContentRangeSpanLinear(t *testing.T) {
	for _, s := range []string{"bytes " + strings.Repeat("-", 1<<20), "bytes */" + strings.Repeat("9", 1<<20)} {
		start := time.Now()
		contentRangeSpan(s)
		unsatisfiedRangeSize(s)
		if d := time.Since(start); d > time.Second { // quadratic would take hours; -race and a busy machine take tens of ms
			t.Errorf("%.20q…: %v", s, d)
		}
	}
}
