package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// --stream prints what --print asks for, as the buffered output does: the
// status line and headers with h, the body only with b, and the headers
// alone by default for HEAD.
func TestStreamHonoursPrint(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("X-Probe", "p1")
		if r.Method != http.MethodHead {
			w.Write([]byte("chunk-body\n"))
		}
	})
	for _, tc := range []struct {
		name       string
		args       []string
		head, body bool
	}{
		{"hb", []string{"--stream", "-p", "hb", srv.URL + "/s"}, true, true},
		{"h", []string{"--stream", "-p", "h", srv.URL + "/s"}, true, false},
		{"b", []string{"--stream", "-p", "b", srv.URL + "/s"}, false, true},
		{"default piped", []string{"--stream", srv.URL + "/s"}, false, true},
		{"HEAD default", []string{"--stream", "HEAD", srv.URL + "/s"}, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := cli(t, tc.args...)
			r.wantCode(t, exitOK)
			out := r.stdout
			if got := strings.HasPrefix(out, "HTTP/1.1 200 OK\n") && strings.Contains(out, "X-Probe: p1\n"); got != tc.head {
				t.Errorf("status line and headers printed: %v, want %v; stdout %q", got, tc.head, out)
			}
			if got := strings.Contains(out, "chunk-body"); got != tc.body {
				t.Errorf("body printed: %v, want %v; stdout %q", got, tc.body, out)
			}
		})
	}
}

// --stream warns of a 4xx or 5xx on stderr, as the buffered output does.
func TestStreamWarnsErrorStatus(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte("nope"))
	})
	r := cli(t, "--stream", srv.URL+"/missing")
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stderr, "warning: HTTP 404") {
		t.Fatalf("stderr %q: no warning of the 404", r.stderr)
	}
}

// With -o, the body goes to the file and an explicit --print still shows
// the headers it names on stdout, streamed or not.
func TestOutputFileHonoursPrintHeaders(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Probe", "p1")
		w.Write([]byte("file-body"))
	})
	for _, extra := range [][]string{nil, {"--use-store"}} {
		file := filepath.Join(t.TempDir(), "out.bin")
		args := append([]string{"-o", file, "-p", "h", srv.URL + "/f"}, extra...)
		r := cli(t, args...)
		r.wantCode(t, exitOK)
		if !strings.HasPrefix(r.stdout, "HTTP/1.1 200 OK\n") || !strings.Contains(r.stdout, "X-Probe: p1\n") || strings.Contains(r.stdout, "file-body") {
			t.Errorf("%v: stdout %q, want the status line and headers alone", extra, r.stdout)
		}
		if got, _ := os.ReadFile(file); string(got) != "file-body" {
			t.Errorf("%v: file %q", extra, got)
		}
	}
	// Without --print, -o keeps stdout empty.
	file := filepath.Join(t.TempDir(), "out.bin")
	if r := cli(t, "-o", file, srv.URL+"/f"); r.stdout != "" {
		t.Errorf("stdout %q without --print", r.stdout)
	}
}
