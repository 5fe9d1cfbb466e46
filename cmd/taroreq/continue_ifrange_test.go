package main

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// -c sent the recorded version as If-Range whatever its strength: a
// Last-Modified beside a weak ETag, or of the second the answer's Date
// says, which RFC 9110 §13.1.5 forbids there (a version written within
// that second has the same date), and an unquoted ETag, which is no
// entity-tag. Only a strong ETag or a strong date is sent now; a part with
// a weak one resumes by Range alone, as curl -C does, its 206 still
// compared with what was recorded.
func TestContinueSendsOnlyAStrongValidatorAsIfRange(t *testing.T) {
	body := bytes.Repeat([]byte("0123456789"), 20000)
	hourAgo := time.Now().Add(-time.Hour)
	for _, tc := range []struct {
		name       string
		etag       string
		modtime    time.Time
		sameSecond bool   // the answer's Date is its Last-Modified
		ifRange    string // "" none; "date" the Last-Modified
	}{
		{"strong etag", `"v1"`, time.Time{}, false, `"v1"`},
		{"weak etag beside a date", `W/"v1"`, hourAgo, false, ""},
		{"unquoted etag", "range1", time.Time{}, false, ""},
		{"strong date", "", hourAgo, false, "date"},
		{"date of the answer's second", "", hourAgo, true, ""},
	} {
		srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
			if tc.sameSecond {
				w.Header().Set("Date", tc.modtime.UTC().Format(http.TimeFormat))
			}
			if tc.etag != "" {
				w.Header().Set("ETag", tc.etag)
			}
			if r.URL.Path == "/cut" {
				if !tc.modtime.IsZero() {
					w.Header().Set("Last-Modified", tc.modtime.UTC().Format(http.TimeFormat))
				}
				w.Header().Set("Content-Length", strconv.Itoa(len(body)))
				w.Write(body[:50000])
				w.(http.Flusher).Flush()
				panic(http.ErrAbortHandler)
			}
			http.ServeContent(w, r, "f.bin", tc.modtime, bytes.NewReader(body))
		})
		file := filepath.Join(t.TempDir(), "f.bin")
		if r := cli(t, "-o", file, "--retry-times", "0", srv.URL+"/cut"); r.code == exitOK {
			t.Fatalf("%s: a cut transfer exited 0: %q", tc.name, r.stderr)
		}
		r := cli(t, "-c", "-o", file, srv.URL+"/f")
		reqs := srv.received(t)
		sent := reqs[len(reqs)-1].header.Get("If-Range")
		want := tc.ifRange
		if want == "date" {
			want = tc.modtime.UTC().Format(http.TimeFormat)
		}
		if sent != want {
			t.Errorf("%s: If-Range %q, want %q", tc.name, sent, want)
		}
		if got, _ := os.ReadFile(file); r.code != exitOK || !bytes.Equal(got, body) {
			t.Errorf("%s: exit %d (%q), the file %d bytes, whole %v", tc.name, r.code, r.stderr, len(got), bytes.Equal(got, body))
		}
	}
}

// A part recorded under a weak ETag is resumed without If-Range; a 206 of
// another version (another weak ETag) is still refused, not appended.
func TestContinueRefusesAnotherWeakETag(t *testing.T) {
	a, b := bytes.Repeat([]byte("A"), 200000), bytes.Repeat([]byte("B"), 200000)
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/cut" {
			w.Header().Set("ETag", `W/"a"`)
			w.Header().Set("Content-Length", strconv.Itoa(len(a)))
			w.Write(a[:50000])
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler)
		}
		w.Header().Set("ETag", `W/"b"`)
		http.ServeContent(w, r, "f.bin", time.Time{}, bytes.NewReader(b))
	})
	file := filepath.Join(t.TempDir(), "f.bin")
	cli(t, "-o", file, "--retry-times", "0", srv.URL+"/cut")
	r := cli(t, "-c", "-o", file, srv.URL+"/f")
	got, _ := os.ReadFile(file)
	if bytes.Contains(got, []byte("B")) || r.code == exitOK || !strings.Contains(r.stderr, "changed") {
		t.Fatalf("exit %d, stderr %q, %d of the file's %d bytes B's; want the change refused", r.code, r.stderr, bytes.Count(got, []byte("B")), len(got))
	}
}
