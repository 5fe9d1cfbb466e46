package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// --help promises --timeout "default 2s; ... with -o or --stream the
// default is none"; TestTimeout gives --timeout, the --stream test holds
// its part, and no test held the -o one nor the 2 s (a download under the
// default timeout passed the package). A body that pauses 3 s midway: with
// -o it is written whole; printed, it fails as a timeout (exit 2), the
// attempt cut at 2 s.
func TestTimeoutDefaultIsTwoSecondsAndNoneForADownload(t *testing.T) {
	const pause = 3 * time.Second
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(strings.Repeat("a", 1000)))
		w.(http.Flusher).Flush()
		select {
		case <-time.After(pause):
		case <-r.Context().Done():
			return
		}
		w.Write([]byte(strings.Repeat("b", 1000)))
	})
	file := filepath.Join(t.TempDir(), "slow.bin")
	cli(t, srv.URL+"/slow", "-o", file, "--retry-times", "0").wantCode(t, exitOK)
	if b, err := os.ReadFile(file); err != nil || len(b) != 2000 {
		t.Errorf("with -o: %d bytes, %v; want the 2000 bytes whole", len(b), err)
	}
	r := cli(t, srv.URL+"/slow", "--retry-times", "0")
	r.wantCode(t, exitTimeout)
	if r.took >= pause+2*time.Second {
		t.Errorf("printed: took %v; want it cut at the 2 s default, well before the body's end", r.took)
	}
}
