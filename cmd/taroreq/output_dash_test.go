package main

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// -o - is stdout, as curl's and httpie's: the body as received (a gzip
// answer's compressed bytes) goes there, streamed or buffered, and no file
// named "-" is made; -c has no file to resume with it.
func TestOutputDashIsStdout(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte("hello\n"))
	_ = zw.Close()
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write(gz.Bytes())
	})
	dir := t.TempDir()
	t.Chdir(dir)
	for _, extra := range [][]string{nil, {"--cache-file", "http.cache"}} { // streamed; buffered (the cache keeps it whole)
		args := append([]string{"-o", "-", srv.URL + "/f.gz"}, extra...)
		r := cli(t, args...)
		r.wantCode(t, exitOK)
		if r.stdout != gz.String() {
			t.Errorf("%v: stdout %q, want the %d gzip bytes as received", args, r.stdout, gz.Len())
		}
		if _, err := os.Stat(filepath.Join(dir, "-")); err == nil {
			t.Fatalf("%v made a file named -", args)
		}
	}
	r := cli(t, "-c", "-o", "-", srv.URL+"/f.gz")
	r.wantCode(t, exitUsage)
	if !strings.Contains(r.stderr, "stdout") {
		t.Errorf("-c -o -: stderr %q", r.stderr)
	}
}
