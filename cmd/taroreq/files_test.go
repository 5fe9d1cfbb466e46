package main

import (
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestOutputFile(t *testing.T) {
	payload := make([]byte, 3<<20+17)
	_, _ = rand.Read(payload)
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = w.Write(payload)
	})
	file := filepath.Join(t.TempDir(), "out.bin")
	r := cli(t, srv.URL+"/big", "-o", file)
	r.wantCode(t, exitOK)
	b, err := os.ReadFile(file)
	if err != nil || !bytes.Equal(b, payload) {
		t.Fatalf("file: %d bytes, err %v; want the %d bytes sent", len(b), err, len(payload))
	}
	if r.stdout != "" || r.stderr != "" {
		t.Errorf("piped -o printed stdout %q stderr %q", r.stdout, r.stderr)
	}
	// Over --max-size: an error, no file.
	small := filepath.Join(t.TempDir(), "small.bin")
	r = cli(t, srv.URL+"/big", "-o", small, "--max-size", "1M")
	r.wantCode(t, exitError)
	if _, err := os.Stat(small); err == nil {
		t.Error("a body over --max-size was written")
	}
}

func TestStoreFile(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"version":"v1","cities":["Hangzhou"]}`)
	})
	file := filepath.Join(t.TempDir(), "store.snap")
	args := []string{srv.URL + "/cities", "--store-file", file, "--store-check-key", "version", "--store-sign", "v1", "-v"}
	first := cli(t, args...)
	first.wantCode(t, exitOK)
	second := cli(t, args...)
	second.wantCode(t, exitOK)
	if n := len(srv.received(t)); n != 1 {
		t.Errorf("server got %d requests, want 1: the second run answers from the store file", n)
	}
	if second.stdout != first.stdout || !strings.Contains(second.stderr, "answered by the store, without the network") {
		t.Errorf("second run: stdout %q stderr %q", second.stdout, second.stderr)
	}
	if err := os.WriteFile(file, []byte("not a snapshot"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := cli(t, args...)
	bad.wantCode(t, exitError)
	if !strings.Contains(bad.stderr, "--store-file") || !strings.Contains(bad.stderr, "bad snapshot") {
		t.Errorf("corrupt store file: %q", bad.stderr)
	}
}

func TestCacheFile(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "max-age=600")
		_, _ = io.WriteString(w, `{"n":1}`)
	})
	file := filepath.Join(t.TempDir(), "cache.snap")
	first := cli(t, srv.URL+"/c", "--cache-file", file)
	first.wantCode(t, exitOK)
	second := cli(t, srv.URL+"/c", "--cache-file", file, "--cache", "only-if-cached", "-v")
	second.wantCode(t, exitOK)
	if n := len(srv.received(t)); n != 1 {
		t.Errorf("server got %d requests, want 1: the second run answers from the cache file", n)
	}
	if second.stdout != first.stdout || !strings.Contains(second.stderr, "answered by the HTTP cache") {
		t.Errorf("second run: stdout %q stderr %q", second.stdout, second.stderr)
	}
	third := cli(t, srv.URL+"/c", "--cache", "only-if-cached")
	if third.code == exitOK || !strings.Contains(third.stderr, "not in cache") {
		t.Errorf("only-if-cached without a cache: code %d stderr %q", third.code, third.stderr)
	}
	if n := len(srv.received(t)); n != 1 {
		t.Errorf("server got %d requests, want still 1", n)
	}
}

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

// -o naming a pipe (or a device: /dev/stdout, /dev/null) holds no part to
// resume: no -c version record is left beside it (one was written beside
// /dev/full, in /dev, when the transfer failed), and the error does not
// offer -c.
func TestOutputToAPipeLeavesNoResumeRecord(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Length", "100000")
		_, _ = io.WriteString(w, strings.Repeat("x", 5000))
		panic(http.ErrAbortHandler) // cut
	})
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if f, err := os.Open(fifo); err == nil {
			_, _ = io.Copy(io.Discard, f)
			f.Close()
		}
	}()
	r := cli(t, "--retry-times", "0", "-o", fifo, srv.URL+"/f")
	<-done
	if r.code == exitOK {
		t.Fatalf("a cut transfer exited 0")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("beside the pipe: %v", ents)
	}
	if strings.Contains(r.stderr, "-c resumes") {
		t.Errorf("stderr offers -c for a pipe: %q", r.stderr)
	}
}

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
