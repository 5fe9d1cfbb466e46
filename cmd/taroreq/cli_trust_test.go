package main

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// -v is a log of the exchange: no secret of a URL (the answering one, a
// backup's, a redirect's Location), no credential header value and no
// secret in another header's value (a baggage's first member, a bearer
// token) is printed, in any of its lines; --trace neither.
func TestVerbosePrintsNoSecret(t *testing.T) {
	plain := newRecorder(t, nil)
	bad := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) })
	landing := newRecorder(t, nil)
	login := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, landing.URL+"/cb?code=SEKRET-CODE", http.StatusFound)
	})
	for _, args := range [][]string{
		{"-v", plain.URL + "/x?access_token=SEKRET-1&page=2"},
		{"-v", "--retry-times", "1", "--backup", plain.URL + "/b?api_key=SEKRET-B", bad.URL + "/a?token=SEKRET-A&sig=SEKRET-S"},
		{"-v", login.URL + "/login"},
		{"-v", "-a", "ann:SEKRET-PW", plain.URL + "/x", "X-Api-Key:SEKRET-K", "Cookie:sid=SEKRET-C"},
		{"--trace", "--check-status", plain.URL + "/x?access_token=SEKRET-2"},
		{"-v", plain.URL + "/x", "Baggage:session=SEKRET-BG,userId=alice", "X-Cb:access_token=SEKRET-CB&x=1", "X-Upstream:Bearer SEKRET-BR1"},
	} {
		r := cli(t, args...)
		r.wantCode(t, 0)
		if out := r.stderr + r.stdout; strings.Contains(out, "SEKRET") {
			t.Errorf("%v printed a secret:\n%s", args, out)
		}
	}
}

// --store-file and --cache-file are kept between runs for requests with
// credentials too: the partition key is the user's (TAROREQ_PARTITION_KEY
// here, 0600), so the second run is answered without the origin.
func TestSnapshotsAnswerCredentialedRequestsAcrossRuns(t *testing.T) {
	s := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "max-age=600")
		_, _ = w.Write([]byte(`{"version":"v1"}`))
	})
	dir := t.TempDir()
	snap, cache := filepath.Join(dir, "s.snap"), filepath.Join(dir, "h.cache")
	for _, extra := range [][]string{nil, {"-a", "ann:pw"}} {
		n0 := len(s.received(t))
		for range 2 {
			cli(t, append([]string{"--store-file", snap, "--store-check-key", "version", "--store-sign", "v1",
				s.URL + "/conf"}, extra...)...).wantCode(t, 0)
			cli(t, append([]string{"--cache-file", cache, s.URL + "/c"}, extra...)...).wantCode(t, 0)
		}
		if got := len(s.received(t)) - n0; got != 2 {
			t.Errorf("credentials %v: 2 runs of each snapshot sent %d requests, want 2 (the second run answered from them)",
				extra, got)
		}
	}
	key := os.Getenv("TAROREQ_PARTITION_KEY")
	if fi, err := os.Stat(key); err != nil || fi.Mode().Perm() != 0o600 || fi.Size() != partitionKeySize {
		t.Errorf("%s: %v %v", key, fi, err)
	}
}

// Runs racing to make the key all end with the one key on disk.
func TestPartitionKeyMadeOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.snap.key")
	keys := make([][]byte, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() {
			k, err := loadPartitionKey(path)
			if err != nil {
				t.Error(err)
			}
			keys[i] = k
		})
	}
	wg.Wait()
	onDisk, _ := os.ReadFile(path)
	for i, k := range keys {
		if !bytes.Equal(k, onDisk) {
			t.Errorf("run %d got another key than the file's", i)
		}
	}
	if err := os.WriteFile(path, []byte("short"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := loadPartitionKey(path); err == nil {
		t.Error("a key file of 5 bytes was taken")
	}
}

// A run with both snapshots, then one with either alone: the same key, so
// the entries are found.
func TestPartitionKeyWhateverTheSnapshots(t *testing.T) {
	s := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "max-age=600")
		_, _ = w.Write([]byte(`{"version":"v1"}`))
	})
	snap, cache := filepath.Join(t.TempDir(), "s.snap"), filepath.Join(t.TempDir(), "h.cache")
	cli(t, "--store-file", snap, "--cache-file", cache, "-a", "ann:pw", s.URL+"/c").wantCode(t, 0)
	n0 := len(s.received(t))
	cli(t, "--cache-file", cache, "-a", "ann:pw", s.URL+"/c").wantCode(t, 0)
	if got := len(s.received(t)) - n0; got != 0 {
		t.Errorf("--cache-file alone after a run with both: %d requests sent, want 0", got)
	}
}

// A body with GET or HEAD (stdin, @file) is a usage error that says so,
// with nothing sent: the library sends no body with them, as fetch.
func TestBodyWithGetIsAClearUsageError(t *testing.T) {
	s := newRecorder(t, nil)
	file := filepath.Join(t.TempDir(), "body.json")
	if err := os.WriteFile(file, []byte(`{"a":1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		r     result
		stdin bool
	}{
		{cliIn(t, strings.NewReader(`{"a":1}`), "GET", s.URL+"/x"), true},
		{cli(t, "HEAD", s.URL+"/x", "@"+file), false},
	} {
		c.r.wantCode(t, exitUsage)
		if !strings.Contains(c.r.stderr, "sends no body") || strings.Contains(c.r.stderr, "--ignore-stdin") != c.stdin {
			t.Errorf("stderr %q does not say why, or advises --ignore-stdin for a body not from stdin", c.r.stderr)
		}
	}
	if n := len(s.received(t)); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

// The CLI's advice names its flag, not the library's option.
func TestCrossOriginAdviceNamesTheFlag(t *testing.T) {
	other := newRecorder(t, nil)
	base := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/there", http.StatusFound)
	})
	r := cli(t, "--base-url", base.URL, "/here")
	if r.code == 0 || !strings.Contains(r.stderr, "--mode cors") || strings.Contains(r.stderr, "client.ModeCORS") {
		t.Errorf("exit %d, stderr %q; want a failure advising --mode cors", r.code, r.stderr)
	}
}

// -v redacts; --print H on stdout still shows the headers as sent.
func TestPrintShowsSentHeaders(t *testing.T) {
	s := newRecorder(t, nil)
	r := cli(t, "-v", "--print", "Hh", "-a", "ann:SEKRET-PW", s.URL+"/x", "X-Api-Key:SEKRET-K")
	r.wantCode(t, 0)
	if !strings.Contains(r.stdout, "SEKRET-K") || !strings.Contains(r.stdout, "Authorization: Basic") {
		t.Errorf("--print H does not show the headers as sent:\n%s", r.stdout)
	}
	if strings.Contains(r.stderr, "SEKRET") {
		t.Errorf("-v printed a secret:\n%s", r.stderr)
	}
}

// The key's directory is made (0700) when missing; a key path that cannot
// be a file is an error naming it, not a temporary file, and exits 1.
func TestPartitionKeyPathErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "such", "partition.key")
	key, err := loadPartitionKey(path)
	if err != nil || len(key) != partitionKeySize {
		t.Fatalf("a key in a missing directory: %x, %v", key, err)
	}
	if fi, err := os.Stat(filepath.Dir(path)); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("the key's directory: %v %v", fi, err)
	}
	dir := t.TempDir() // a directory where the key file should be
	_, err = loadPartitionKey(dir)
	if err == nil || !strings.HasPrefix(err.Error(), dir+":") || strings.Contains(err.Error(), ".taroreq-key-") {
		t.Errorf("a directory as the key: %v", err)
	}
	s := newRecorder(t, nil)
	r := cli(t, "--cache-file", filepath.Join(t.TempDir(), "h.cache"), s.URL+"/x")
	r.wantCode(t, 0)
	if os.Getenv("TAROREQ_PARTITION_KEY") == "" {
		t.Fatal("TestMain sets TAROREQ_PARTITION_KEY")
	}
}

// README (Command line): with --store-file the key of the credential
// partition is kept in taroreq/partition.key in the user's configuration
// directory, 0600, made on first use and the same in later runs.
func TestReadmePartitionKeyInTheConfigurationDirectory(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("XDG_CONFIG_HOME names the configuration directory on Linux")
	}
	home := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", home)
	t.Setenv("TAROREQ_PARTITION_KEY", "")
	srv := newRecorder(t, nil)
	snap := filepath.Join(t.TempDir(), "store.snap")
	key := filepath.Join(home, "taroreq", "partition.key")
	cli(t, "--use-store", "--store-file", snap, "-a", "ann:pw", srv.URL+"/conf").wantCode(t, exitOK)
	fi, err := os.Stat(key)
	if err != nil {
		t.Fatalf("no key at %s: %v", key, err)
	}
	if fi.Mode().Perm() != 0o600 || fi.Size() != partitionKeySize {
		t.Fatalf("key %v, %d bytes; want 0600, %d", fi.Mode().Perm(), fi.Size(), partitionKeySize)
	}
	first, _ := os.ReadFile(key)
	cli(t, "--use-store", "--store-file", snap, "-a", "ann:pw", srv.URL+"/conf").wantCode(t, exitOK)
	if again, _ := os.ReadFile(key); string(again) != string(first) {
		t.Fatal("a later run made another key")
	}
}

// A --cache-file or --store-file that cannot be saved (its directory is
// missing) fails the run before the request: it failed after it, once a
// POST had been applied, with its answer not shown.
func TestUnsavableSnapshotFailsBeforeTheRequest(t *testing.T) {
	srv := newRecorder(t, nil)
	missing := filepath.Join(t.TempDir(), "no-such-dir")
	for _, flag := range []string{"--cache-file", "--store-file"} {
		r := cli(t, flag, filepath.Join(missing, "snap"), "POST", srv.URL+"/orders", "item=book")
		r.wantCode(t, exitError)
		if !strings.Contains(r.stderr, "cannot be saved") {
			t.Errorf("%s: stderr %q", flag, r.stderr)
		}
	}
	if n := len(srv.received(t)); n != 0 {
		t.Errorf("the server got %d requests, want none", n)
	}
	// A savable one is saved, and leaves no temporary file.
	dir := t.TempDir()
	cli(t, "--cache-file", filepath.Join(dir, "http.cache"), srv.URL+"/x").wantCode(t, exitOK)
	if m, _ := filepath.Glob(filepath.Join(dir, "*")); len(m) != 1 {
		t.Errorf("beside the cache: %v", m)
	}
}
