package main

import (
	"bytes"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// versionServer serves /f as http.ServeContent does (Range, If-Range), of
// version A or B (the ETag "A" or "B"); /cut sends the first cut bytes of
// version A and breaks the connection. With ignoreIfRange a 206 answers
// any Range, of the version served now.
func versionServer(t *testing.T, a, b []byte, cut int, version *atomic.Value, ignoreIfRange bool) *recorder {
	return newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		v := version.Load().(string)
		body := a
		if v == "B" {
			body = b
		}
		w.Header().Set("ETag", `"`+v+`"`)
		if r.URL.Path == "/cut" {
			w.Header().Set("Content-Length", strconv.Itoa(len(a)))
			w.Write(a[:cut])
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler)
		}
		if ignoreIfRange {
			r.Header.Del("If-Range")
		}
		http.ServeContent(w, r, "f.bin", time.Time{}, bytes.NewReader(body))
	})
}

// -c must never leave a file that is part one version and part another: a
// run cut in the middle of version A, then -c against a server that now
// serves version B, appended B's rest to A's part and exited 0 (no If-Range
// was sent, and nothing knew which version the part was of). The version
// of a cut transfer is now recorded beside the file and sent as If-Range.
func TestContinueNeverMixesTwoVersions(t *testing.T) {
	a := bytes.Repeat([]byte("A"), 200000)
	b := bytes.Repeat([]byte("B"), 200000)
	for _, ignore := range []bool{false, true} {
		t.Run("ignoreIfRange="+strconv.FormatBool(ignore), func(t *testing.T) {
			var version atomic.Value
			version.Store("A")
			srv := versionServer(t, a, b, 50000, &version, ignore)
			file := filepath.Join(t.TempDir(), "f.bin")
			r := cli(t, "-o", file, "--retry-times", "0", srv.URL+"/cut")
			if r.code == exitOK {
				t.Fatalf("a cut transfer exited 0: %q", r.stderr)
			}
			if part, _ := os.ReadFile(file); !bytes.Equal(part, a[:len(part)]) || len(part) == 0 {
				t.Fatalf("the partial file holds %d bytes, not a prefix of A", len(part))
			}
			version.Store("B")
			r = cli(t, "-c", "-o", file, srv.URL+"/f")
			got, _ := os.ReadFile(file)
			switch {
			case bytes.Equal(got, b): // a server that honours If-Range sent B whole
				r.wantCode(t, exitOK)
			case bytes.Equal(got, a[:len(got)]): // a server that ignores it: refused, the part kept
				if r.code == exitOK || !strings.Contains(r.stderr, "changed") {
					t.Errorf("exit %d, stderr %q", r.code, r.stderr)
				}
			default:
				t.Fatalf("the file holds %d bytes, %d of them A's and %d B's: two versions; exit %d stderr %q",
					len(got), bytes.Count(got, []byte("A")), bytes.Count(got, []byte("B")), r.code, r.stderr)
			}
			reqs := srv.received(t)
			if h := reqs[len(reqs)-1].header.Get("If-Range"); h != `"A"` {
				t.Errorf("the resumption sent If-Range %q, want the part's version \"A\"", h)
			}
		})
	}
}

// The same version resumes as before, and a whole file leaves no record.
func TestContinueSameVersionResumesAndTidies(t *testing.T) {
	a := bytes.Repeat([]byte("0123456789"), 20000)
	var version atomic.Value
	version.Store("A")
	srv := versionServer(t, a, nil, 70000, &version, false)
	file := filepath.Join(t.TempDir(), "f.bin")
	cli(t, "-o", file, "--retry-times", "0", srv.URL+"/cut")
	r := cli(t, "-c", "-o", file, srv.URL+"/f")
	r.wantCode(t, exitOK)
	if got, _ := os.ReadFile(file); !bytes.Equal(got, a) {
		t.Fatalf("file %d bytes, want A's %d", len(got), len(a))
	}
	reqs := srv.received(t)
	if last := reqs[len(reqs)-1]; !strings.HasPrefix(last.header.Get("Range"), "bytes=") || last.header.Get("If-Range") != `"A"` {
		t.Errorf("resumption sent Range %q If-Range %q", last.header.Get("Range"), last.header.Get("If-Range"))
	}
	if ents, _ := os.ReadDir(filepath.Dir(file)); len(ents) != 1 {
		t.Errorf("beside the whole file: %v (a version record outlived it?)", ents)
	}
}

// The version record is a new file: a symlink planted at its name is
// replaced, never written through.
func TestContinueRecordIsNotWrittenThroughASymlink(t *testing.T) {
	a := bytes.Repeat([]byte("A"), 100000)
	var version atomic.Value
	version.Store("A")
	srv := versionServer(t, a, nil, 30000, &version, false)
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim")
	if err := os.WriteFile(victim, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, filepath.Join(dir, ".f.bin.taroreq-resume")); err != nil {
		t.Skip(err)
	}
	cli(t, "-o", filepath.Join(dir, "f.bin"), "--retry-times", "0", srv.URL+"/cut")
	if b, _ := os.ReadFile(victim); string(b) != "keep me" {
		t.Errorf("the symlink's target now holds %q", b)
	}
}

// The version is recorded before the first byte is written: a run killed
// mid-transfer (SIGKILL, no chance to clean up) leaves it too, and a later
// -c against a changed file does not mix the versions.
func TestContinueAfterAKilledRunNeverMixesTwoVersions(t *testing.T) {
	a := bytes.Repeat([]byte("A"), 200000)
	b := bytes.Repeat([]byte("B"), 200000)
	var version atomic.Value
	version.Store("A")
	arrived, release := make(chan struct{}, 1), make(chan struct{})
	defer close(release)
	base := versionServer(t, a, b, 0, &version, false)
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/stall" {
			base.Config.Handler.ServeHTTP(w, r)
			return
		}
		w.Header().Set("ETag", `"A"`)
		w.Header().Set("Content-Length", strconv.Itoa(len(a)))
		w.Write(a[:30000])
		w.(http.Flusher).Flush()
		arrived <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	file := filepath.Join(t.TempDir(), "f.bin")
	cmd := exec.Command(binPath, "--ignore-stdin", "-o", file, srv.URL+"/stall")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-arrived:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the request never arrived")
	}
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if fi, err := os.Stat(file); err == nil && fi.Size() > 0 {
			break
		}
	}
	cmd.Process.Kill()
	cmd.Wait()
	version.Store("B")
	r := cli(t, "-c", "-o", file, srv.URL+"/f")
	r.wantCode(t, exitOK)
	if got, _ := os.ReadFile(file); !bytes.Equal(got, b) {
		t.Fatalf("the file holds %d bytes, %d of them A's and %d B's; stderr %q",
			len(got), bytes.Count(got, []byte("A")), bytes.Count(got, []byte("B")), r.stderr)
	}
}
