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

// A 206 whose Content-Range has a credential line folded in (net/textproto
// joins " Set-Cookie: sid=…" to the line before) and that sends more than
// that range has the CLI quote the Content-Range in its error: the folded
// line's value must not show on stderr.
func TestContinueErrorHidesACredentialLineFoldedIntoContentRange(t *testing.T) {
	body := []byte(strings.Repeat("0123456789", 300))
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Range") != "bytes=1000-" {
			w.Write(body)
			return
		}
		// net/http writes the CR LF as spaces: the value a folded line gives.
		w.Header().Set("Content-Range", fmt.Sprintf("bytes 1000-1099/%d\r\n Set-Cookie: sid=SECRET1", len(body)))
		w.Header().Set("Content-Length", "500")
		w.WriteHeader(http.StatusPartialContent)
		w.Write(bytes.Repeat([]byte("X"), 500))
	})
	file := filepath.Join(t.TempDir(), "f.bin")
	os.WriteFile(file, body[:1000], 0o644)
	r := cli(t, srv.URL+"/f", "-o", file, "--continue")
	r.wantCode(t, exitError)
	if strings.Contains(r.stderr, "SECRET1") || !strings.Contains(r.stderr, "Content-Range") {
		t.Errorf("stderr %q", r.stderr)
	}
}
