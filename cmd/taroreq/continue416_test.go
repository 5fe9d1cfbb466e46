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

// A 416 to --continue's Range means the partial file is complete only when
// the server's Content-Range (bytes */N) says the file has as many bytes as
// it holds: a local file longer than the server's is not that file, and is
// not reported complete with exit 0.
func TestContinue416LongerThanServerFile(t *testing.T) {
	body := []byte(strings.Repeat("abcdefghij", 100)) // 1000 bytes
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Accept-Ranges", "bytes")
		if r.Header.Get("Range") != "" {
			w.Header().Set("Content-Range", fmt.Sprintf("bytes */%d", len(body)))
			w.WriteHeader(http.StatusRequestedRangeNotSatisfiable)
			return
		}
		w.Write(body)
	})
	for _, tc := range []struct {
		name string
		have []byte
		code int
	}{
		{"complete", body, exitOK},
		{"longer", append(bytes.Clone(body), "0123456789"...), exitError},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "f.bin")
			os.WriteFile(file, tc.have, 0o644)
			r := cli(t, srv.URL+"/f", "-o", file, "--continue")
			r.wantCode(t, tc.code)
			if got, _ := os.ReadFile(file); !bytes.Equal(got, tc.have) {
				t.Fatalf("file changed: %d bytes", len(got))
			}
			if tc.code != exitOK && strings.Contains(r.stderr, "already complete") {
				t.Fatalf("stderr %q: a file longer than the server's reported complete", r.stderr)
			}
		})
	}
}
