package main

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// -o writes the body "exactly as received", as httpie's --download does
// (it asks for Accept-Encoding: identity): an archive.tar.gz that a server
// labels Content-Encoding: gzip (Apache's AddEncoding gzip .gz, httpbin's
// /gzip) is saved as the .gz it is, not as the .tar net/http's transparent
// gzip decoding made of it. The request asks for identity unless an
// Accept-Encoding is given.
func TestOutputIsTheBodyAsReceived(t *testing.T) {
	tarball := gzipped(t, bytes.Repeat([]byte("tar member bytes "), 200))
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/x-tar")
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(tarball)
	})
	for _, args := range [][]string{{}, {"--cache-file", filepath.Join(t.TempDir(), "http.cache")}} { // streamed and buffered -o
		file := filepath.Join(t.TempDir(), "archive.tar.gz")
		r := cli(t, append([]string{"--retry-times", "0", "-o", file, srv.URL + "/archive.tar.gz"}, args...)...)
		if got, _ := os.ReadFile(file); !bytes.Equal(got, tarball) {
			t.Errorf("%q: -o holds %d bytes, want the %d gzip bytes sent (exit %d)\n%s", args, len(got), len(tarball), r.code, r.stderr)
		}
		if ae := srv.received(t)[len(srv.received(t))-1].header.Get("Accept-Encoding"); ae != "identity" {
			t.Errorf("%q: Accept-Encoding %q, want identity", args, ae)
		}
	}
}

// An Accept-Encoding item other than identity with -o is a usage error,
// before any request: the client would ask for gzip itself and decode it,
// so the file would not hold the body as received.
func TestOutputWithAnotherAcceptEncodingIsAUsageError(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("x")) })
	file := filepath.Join(t.TempDir(), "f")
	r := cli(t, "-o", file, srv.URL+"/f", "Accept-Encoding:gzip")
	if r.code != 2 || len(srv.received(t)) != 0 {
		t.Errorf("exit %d, %d requests; want a usage error (2) before any request\n%s", r.code, len(srv.received(t)), r.stderr)
	}
	if r := cli(t, "-o", file, srv.URL+"/f", "Accept-Encoding:identity"); r.code != 0 {
		t.Errorf("identity: exit %d\n%s", r.code, r.stderr)
	}
}
