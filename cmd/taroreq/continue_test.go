package main

import (
	"bytes"
	"fmt"
	"io"
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

// -c with an option that keeps -o's buffered path (--data-check, the store,
// --cache-file, JSONP) must not replace the part already downloaded with
// an error page either, as the streamed path does not: it replaced it with
// the 404's body and exited 0.
func TestContinueBufferedKeepsThePartOnAnErrorStatus(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, "not found")
	})
	for name, extra := range map[string][]string{
		"--cache-file": {"--cache-file", filepath.Join(t.TempDir(), "http.cache")},
		"--store-file": {"--store-file", filepath.Join(t.TempDir(), "store.snap")},
	} {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "part.bin")
			if err := os.WriteFile(file, []byte("the first part"), 0o644); err != nil {
				t.Fatal(err)
			}
			r := cli(t, append([]string{"-c", "-o", file, srv.URL + "/f"}, extra...)...)
			r.wantCode(t, exitError)
			if b, _ := os.ReadFile(file); string(b) != "the first part" {
				t.Errorf("the partial file now holds %q", b)
			}
			if !strings.Contains(r.stderr, "kept as it was") {
				t.Errorf("stderr %q", r.stderr)
			}
		})
	}
	// Without a partial file the error page is written, as httpie does.
	file := filepath.Join(t.TempDir(), "new.bin")
	r := cli(t, "-c", "-o", file, srv.URL+"/f", "--cache-file", filepath.Join(t.TempDir(), "c"))
	r.wantCode(t, exitOK)
	if b, _ := os.ReadFile(file); string(b) != "not found" {
		t.Errorf("file %q", b)
	}
}

// --help: "-c, --continue  with -o: resume a partial FILE". Without -o it
// was ignored in silence (the body printed, exit 0); httpie refuses it
// ("--continue only works with --download"). It is a usage error now,
// before any request.
func TestContinueWithoutOutputIsAUsageError(t *testing.T) {
	srv := newRecorder(t, nil)
	for _, flag := range []string{"-c", "--continue"} {
		r := cli(t, flag, srv.URL+"/x")
		r.wantCode(t, exitUsage)
		if !strings.Contains(r.stderr, "-o") {
			t.Errorf("%s: stderr %q", flag, r.stderr)
		}
	}
	if n := len(srv.received(t)); n != 0 {
		t.Errorf("server got %d requests", n)
	}
}

// TestContinueTakesOnlyTheRangeOf206: --continue appends the bytes the
// 206's Content-Range places and no more. A server that sends more than its
// range (here 500 bytes for bytes 1000-1099) had all of it appended, 400
// bytes of no stated place where the file's next bytes belong, with exit 0.
func TestContinueTakesOnlyTheRangeOf206(t *testing.T) {
	r, got, body := continuePastRange(t, "")
	r.wantCode(t, exitError)
	if len(got) != 1100 || !bytes.Equal(got[:1000], body[:1000]) || !bytes.Equal(got[1000:], bytes.Repeat([]byte("X"), 100)) {
		t.Fatalf("file holds %d bytes, want the 1000 it had and the 100 of the range", len(got))
	}
	if !strings.Contains(r.stderr, "more than its Content-Range") || !strings.Contains(r.stderr, "-c resumes it") {
		t.Errorf("stderr %q", r.stderr)
	}
}

// A 206 whose Content-Range has a credential line folded in (net/textproto
// joins " Set-Cookie: sid=…" to the line before) and that sends more than
// that range has the CLI quote the Content-Range in its error: the folded
// line's value must not show on stderr.
func TestContinueErrorHidesACredentialLineFoldedIntoContentRange(t *testing.T) {
	// net/http writes the CR LF as spaces: the value a folded line gives.
	r, _, _ := continuePastRange(t, "\r\n Set-Cookie: sid=SECRET1")
	r.wantCode(t, exitError)
	if strings.Contains(r.stderr, "SECRET1") || !strings.Contains(r.stderr, "Content-Range") {
		t.Errorf("stderr %q", r.stderr)
	}
}

// continuePastRange runs --continue on a file holding the first 1000 of a
// 3000-byte body, against a server whose 206 sends 500 bytes for the range
// bytes 1000-1099 (its Content-Range followed by more), and returns the
// run, the file after it and the body.
func continuePastRange(t *testing.T, more string) (result, []byte, []byte) {
	body := []byte(strings.Repeat("0123456789", 300))
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Range") != "bytes=1000-" {
			w.Write(body)
			return
		}
		w.Header().Set("Content-Range", fmt.Sprintf("bytes 1000-1099/%d", len(body))+more)
		w.Header().Set("Content-Length", "500")
		w.WriteHeader(http.StatusPartialContent)
		w.Write(bytes.Repeat([]byte("X"), 500))
	})
	file := filepath.Join(t.TempDir(), "f.bin")
	os.WriteFile(file, body[:1000], 0o644)
	r := cli(t, srv.URL+"/f", "-o", file, "--continue")
	got, _ := os.ReadFile(file)
	return r, got, body
}
