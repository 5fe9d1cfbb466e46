package main

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// A part whose version is an unquoted ETag (go-httpbin's `ETag:
// range100000`, no entity-tag) was taken back as a date: a 206 of another
// version, from a server that ignores If-Range, was compared by its
// Last-Modified (none) and appended to the part. A recorded value that is
// no HTTP-date is compared as the ETag it was.
func TestContinueNeverMixesTwoVersionsUnderAnUnquotedETag(t *testing.T) {
	a := bytes.Repeat([]byte("A"), 200000)
	b := bytes.Repeat([]byte("B"), 200000)
	var version atomic.Value
	version.Store("A")
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		v := version.Load().(string)
		body := a
		if v == "B" {
			body = b
		}
		w.Header().Set("ETag", "range"+v) // unquoted
		if r.URL.Path == "/cut" {
			w.Header().Set("Content-Length", strconv.Itoa(len(a)))
			w.Write(a[:50000])
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler)
		}
		r.Header.Del("If-Range") // a server that ignores it
		http.ServeContent(w, r, "f.bin", time.Time{}, bytes.NewReader(body))
	})
	file := filepath.Join(t.TempDir(), "f.bin")
	if r := cli(t, "-o", file, "--retry-times", "0", srv.URL+"/cut"); r.code == exitOK {
		t.Fatalf("a cut transfer exited 0: %q", r.stderr)
	}
	version.Store("B")
	r := cli(t, "-c", "-o", file, srv.URL+"/f")
	got, _ := os.ReadFile(file)
	if !bytes.Equal(got, a[:len(got)]) || len(got) == 0 {
		t.Fatalf("the file holds %d bytes, %d of them A's and %d B's; exit %d stderr %q",
			len(got), bytes.Count(got, []byte("A")), bytes.Count(got, []byte("B")), r.code, r.stderr)
	}
	if r.code == exitOK || !strings.Contains(r.stderr, "changed") {
		t.Errorf("exit %d, stderr %q; want the change reported", r.code, r.stderr)
	}
}
