package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// rangeServer serves body with an ETag, honouring Range unless ignore.
func rangeServer(t *testing.T, body []byte, ignore bool) *recorder {
	return newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"b1"`)
		rg := r.Header.Get("Range")
		if rg == "" || ignore {
			w.Write(body)
			return
		}
		from, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(rg, "bytes="), "-"))
		if from >= len(body) {
			w.WriteHeader(http.StatusRequestedRangeNotSatisfiable)
			return
		}
		w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", from, len(body)-1, len(body)))
		w.WriteHeader(http.StatusPartialContent)
		w.Write(body[from:])
	})
}

// --continue appends the rest of a partial file (206), starts over on a
// server that ignores Range (200), and leaves a complete file alone (416);
// with no version recorded beside the part, by Range alone.
func TestContinueResumesPartialFile(t *testing.T) {
	body := bytes.Repeat([]byte("0123456789"), 50000)
	for _, tc := range []struct {
		name   string
		ignore bool
		have   int
		rng    string
	}{{"206", false, 123456, "bytes=123456-"}, {"200", true, 123456, "bytes=123456-"}, {"416", false, len(body), fmt.Sprintf("bytes=%d-", len(body))}} {
		t.Run(tc.name, func(t *testing.T) {
			srv := rangeServer(t, body, tc.ignore)
			file := filepath.Join(t.TempDir(), "part.bin")
			os.WriteFile(file, body[:tc.have], 0o644)
			r := cli(t, srv.URL+"/f", "-o", file, "--continue")
			r.wantCode(t, exitOK)
			got, _ := os.ReadFile(file)
			if !bytes.Equal(got, body) {
				t.Fatalf("file %d bytes (want %d); stderr %q", len(got), len(body), r.stderr)
			}
			if h := srv.reqs[0].header.Get("Range"); h != tc.rng {
				t.Fatalf("Range %q, want %q", h, tc.rng)
			}
			// README: a part with no recorded version resumes by Range
			// alone, as curl -C does.
			if h := srv.reqs[0].header.Get("If-Range"); h != "" {
				t.Fatalf("If-Range %q for a part with no recorded version", h)
			}
		})
	}
}

// --stream prints each event of an event stream on its own line.
func TestStreamPrintsEvents(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, ": hi\n\ndata: one\n\nevent: tick\ndata: two\n\ndata: a\ndata: b\n\n")
	})
	r := cli(t, srv.URL+"/events", "--stream")
	r.wantCode(t, exitOK)
	if r.stdout != "one\ntick: two\na\nb\n" {
		t.Fatalf("stdout %q", r.stdout)
	}
	plain := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "raw bytes") })
	r = cli(t, plain.URL+"/x", "--stream")
	r.wantCode(t, exitOK)
	if r.stdout != "raw bytes" {
		t.Fatalf("stdout %q", r.stdout)
	}
}

// patternReader generates n bytes without holding them.
type patternReader struct{ n int64 }

func (p *patternReader) Read(b []byte) (int, error) {
	if p.n <= 0 {
		return 0, io.EOF
	}
	m := min(int64(len(b)), p.n)
	for i := range b[:m] {
		b[i] = byte('a' + i%26)
	}
	p.n -= m
	return int(m), nil
}

// -o of a large body served locally keeps the process's peak RSS under
// 24 MiB (about 10 MiB measured) (measured by /usr/bin/time -v). TAROREQ_DOWNLOAD_MIB sets the size
// (default 256; the README's number is for 1024).
func TestDownloadConstantMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("large download")
	}
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		t.Skip("no /usr/bin/time")
	}
	mib := int64(256)
	if s := os.Getenv("TAROREQ_DOWNLOAD_MIB"); s != "" {
		mib, _ = strconv.ParseInt(s, 10, 64)
	}
	size := mib << 20
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
		io.CopyBuffer(w, &patternReader{n: size}, make([]byte, 256<<10))
	})
	file := filepath.Join(t.TempDir(), "big.bin")
	out, err := exec.Command("/usr/bin/time", "-v", binPath, srv.URL+"/big", "-o", file).CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	m := regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no RSS in %s", out)
	}
	kb, _ := strconv.ParseInt(string(m[1]), 10, 64)
	fi, err := os.Stat(file)
	if err != nil || fi.Size() != size {
		t.Fatalf("file: %v, err %v", fi, err)
	}
	t.Logf("taroreq -o of %d MiB: peak RSS %d KiB", mib, kb)
	if kb > 24<<10 {
		t.Fatalf("peak RSS %d KiB > 24 MiB", kb)
	}
}

// A failing status never replaces a partial -o file: with --check-status
// the exit code is the status's and nothing is written; without it a
// --continue keeps the part and fails, and a fresh download writes the
// error page with a warning, as the buffered -o does.
func TestStreamedOutputFailingStatus(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, "maintenance page")
	})
	part := []byte("first part of the file")
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		want     string
		inStderr string
	}{
		{"check-status", []string{"--check-status", "-c"}, 5, string(part), "HTTP 503"},
		{"continue", []string{"-c"}, exitError, string(part), "kept as it was"},
		{"fresh", nil, exitOK, "maintenance page", "warning: HTTP 503"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "part.bin")
			if tc.args != nil {
				os.WriteFile(file, part, 0o644)
			}
			r := cli(t, append([]string{srv.URL + "/f", "-o", file, "--retry-times", "-1"}, tc.args...)...)
			r.wantCode(t, tc.code)
			got, _ := os.ReadFile(file)
			if string(got) != tc.want || !strings.Contains(r.stderr, tc.inStderr) {
				t.Fatalf("file %q, stderr %q", got, r.stderr)
			}
		})
	}
}

// --continue against a server that ignores the Range and cuts its 200
// short: the partial file is replaced only by one that holds more of the
// body, the message says what it holds, and no temporary file is left.
func TestContinueCutRewriteKeepsTheLongerPart(t *testing.T) {
	body := bytes.Repeat([]byte("0123456789"), 10000)
	for _, tc := range []struct {
		have, want int
		says       string
	}{{60000, 60000, "holds the first 58.6 KiB"}, {10000, 20000, "holds the first 19.5 KiB"}} {
		srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			w.Write(body[:20000])
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler) // the connection is cut
		})
		dir := t.TempDir()
		file := filepath.Join(dir, "part.bin")
		os.WriteFile(file, body[:tc.have], 0o644)
		r := cli(t, srv.URL+"/f", "-o", file, "--continue", "--retry-times", "-1")
		got, _ := os.ReadFile(file)
		if !bytes.Equal(got, body[:tc.want]) || !strings.Contains(r.stderr, tc.says) {
			t.Errorf("had %d: file holds %d bytes (want the first %d); stderr %q", tc.have, len(got), tc.want, r.stderr)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("had %d: %d files left in the directory, want 1", tc.have, len(entries))
		}
	}
}

// The whole file that replaces a partial one keeps the partial file's
// permissions, and is written through a symlink -o to its target.
func TestContinueRewriteKeepsModeAndLink(t *testing.T) {
	body := bytes.Repeat([]byte("0123456789"), 1000)
	srv := rangeServer(t, body, true)
	dir := t.TempDir()
	real := filepath.Join(dir, "real.bin")
	link := filepath.Join(dir, "link.bin")
	os.WriteFile(real, body[:100], 0o640)
	os.Chmod(real, 0o640)
	if err := os.Symlink(real, link); err != nil {
		t.Skip(err)
	}
	r := cli(t, srv.URL+"/f", "-o", link, "--continue")
	r.wantCode(t, exitOK)
	got, _ := os.ReadFile(real)
	fi, _ := os.Lstat(link)
	ri, _ := os.Stat(real)
	if !bytes.Equal(got, body) || fi.Mode()&os.ModeSymlink == 0 || ri.Mode().Perm() != 0o640 {
		t.Fatalf("target holds %d bytes (want %d), link kept %v, mode %v (want 0640); stderr %q",
			len(got), len(body), fi.Mode()&os.ModeSymlink != 0, ri.Mode().Perm(), r.stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Fatalf("%d files in the directory, want the target and the link", len(entries))
	}
}

// -c with an -o that is a directory sends no Range and fails before it
// reads the body, leaving nothing behind.
func TestContinueIntoADirectoryFailsAtOnce(t *testing.T) {
	body := bytes.Repeat([]byte("x"), 1000)
	srv := rangeServer(t, body, false)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o755)
	r := cli(t, srv.URL+"/f", "-o", out, "--continue")
	if r.code == exitOK || !strings.Contains(r.stderr, "is a directory") {
		t.Fatalf("exit %d, stderr %q; want an error naming the directory", r.code, r.stderr)
	}
	if h := srv.reqs[0].header.Get("Range"); h != "" {
		t.Errorf("Range %q sent for a directory", h)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d entries left in the parent, want the directory alone", len(entries))
	}
}
