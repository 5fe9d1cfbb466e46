package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// --help promises --max-size "default 8M; with -o 1G", and no test held
// either default (TestOutputFile gives --max-size 1M). A body of exactly
// 8 MiB is printed, one of a byte more fails with exit 1; with -o the
// latter is written whole, its bound being 1 GiB (read from the parsed
// command line: a 1 GiB download is not a test's to make), and --max-size
// still wins over it.
func TestMaxSizeDefaults(t *testing.T) {
	const eight = 8 << 20
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		n := eight
		if r.URL.Path == "/over" {
			n++
		}
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(strings.Repeat("x", n)))
	})
	if r := cli(t, srv.URL+"/at"); r.code != exitOK || len(r.stdout) < eight {
		t.Errorf("8 MiB, no -o: exit %d, %d bytes out, stderr %q; want it printed", r.code, len(r.stdout), r.stderr)
	}
	cli(t, srv.URL+"/over").wantCode(t, exitError)
	file := filepath.Join(t.TempDir(), "over.bin")
	cli(t, srv.URL+"/over", "-o", file).wantCode(t, exitOK)
	if fi, err := os.Stat(file); err != nil || fi.Size() != eight+1 {
		t.Errorf("8 MiB + 1 with -o: %v; want the file whole", err)
	}
	for _, c := range []struct {
		args []string
		want int64
	}{
		{[]string{"a.b"}, eight},
		{[]string{"-o", "f", "a.b"}, 1 << 30},
		{[]string{"-o", "f", "--max-size", "2M", "a.b"}, 2 << 20},
	} {
		cfg, err := parseArgs(c.args)
		if err != nil {
			t.Fatal(err)
		}
		if got := cfg.bodyLimit(); got != c.want {
			t.Errorf("%q: body bound %d, want %d", c.args, got, c.want)
		}
	}
}
