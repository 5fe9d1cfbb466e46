package main

import (
	"bytes"
	"crypto/rand"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
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
