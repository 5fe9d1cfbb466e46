package main

import (
	"net/http"
	"strings"
	"testing"
)

// --check-status with --stream shows what --print asks for, as the
// buffered output does with --check-status, and exits as it does.
func TestStreamCheckStatusPrints(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Why", "gone")
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte("not here"))
	})
	for _, extra := range [][]string{nil, {"--stream"}} {
		r := cli(t, append([]string{srv.URL + "/f", "--check-status", "-p", "hb"}, extra...)...)
		r.wantCode(t, 4)
		if !strings.Contains(r.stdout, "HTTP/1.1 404") || !strings.Contains(r.stdout, "X-Why: gone") || !strings.Contains(r.stdout, "not here") {
			t.Fatalf("%v: stdout %q, want the status line, headers and body", extra, r.stdout)
		}
	}
}
