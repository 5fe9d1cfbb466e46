package main

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// HEAD has no body for -o to hold: the file, a partial download that -c
// would resume included, is left as it was, and the status line and
// headers (HEAD's default print) show on stdout.
func TestHeadWithOutputKeepsFile(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "2000")
		w.Header().Set("X-Probe", "yes")
	})
	for _, args := range [][]string{{}, {"-c"}, {"--use-store"}} {
		file := filepath.Join(t.TempDir(), "f.bin")
		have := []byte(strings.Repeat("x", 1000))
		os.WriteFile(file, have, 0o644)
		r := cli(t, append([]string{"HEAD", srv.URL + "/f", "-o", file}, args...)...)
		r.wantCode(t, exitOK)
		if got, _ := os.ReadFile(file); !bytes.Equal(got, have) {
			t.Fatalf("%v: HEAD -o left %d bytes of the file's %d", args, len(got), len(have))
		}
		if !strings.Contains(r.stdout, "X-Probe: yes") {
			t.Fatalf("%v: stdout %q, want HEAD's headers", args, r.stdout)
		}
	}
}
