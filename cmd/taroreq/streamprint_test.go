package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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

// --stream without --timeout waits as long as an event stream is quiet
// (a heartbeat every 15 s is common), as httpie's --stream and the
// client's Events do: the default 2 s ended it, exit 2, after the first
// event. An explicit --timeout still bounds the silence.
func TestStreamOutlastsAQuietEventStream(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = io.WriteString(w, "data: one\n\n")
		w.(http.Flusher).Flush()
		time.Sleep(2300 * time.Millisecond)
		_, _ = io.WriteString(w, "data: two\n\n")
	})
	r := cli(t, "--stream", srv.URL+"/events")
	r.wantCode(t, exitOK)
	if r.stdout != "one\ntwo\n" {
		t.Errorf("stdout %q", r.stdout)
	}
	r = cli(t, "--stream", "--timeout", "300ms", "--retry-times", "0", srv.URL+"/events")
	r.wantCode(t, exitTimeout)
	if r.stdout != "one\n" {
		t.Errorf("--timeout 300ms: stdout %q", r.stdout)
	}
}

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
