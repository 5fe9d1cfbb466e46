package main

import (
	"bytes"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Two runs at once on fresh snapshots: one with both flags, one with
// --cache-file alone (goroutines standing in for processes: nothing in
// loadPartitionKey is per process). Every run should succeed, and the key
// files should end up equal.
func TestPartitionKeyRaceBothVsOne(t *testing.T) {
	var errs, split int
	var msg string
	for i := 0; i < 300; i++ {
		dir := t.TempDir()
		s, c := filepath.Join(dir, "s.snap.key"), filepath.Join(dir, "h.cache.key")
		var wg sync.WaitGroup
		var e1, e2 error
		start := make(chan struct{})
		wg.Add(2)
		go func() { defer wg.Done(); <-start; _, e1 = loadPartitionKey(s, c) }()
		go func() { defer wg.Done(); <-start; _, e2 = loadPartitionKey(c) }()
		close(start)
		wg.Wait()
		for _, e := range []error{e1, e2} {
			if e != nil {
				errs++
				msg = e.Error()
			}
		}
		a, _ := os.ReadFile(s)
		b, _ := os.ReadFile(c)
		if !bytes.Equal(a, b) {
			split++
			if _, err := loadPartitionKey(s, c); err != nil {
				msg += " | next run: " + err.Error()
			}
		}
	}
	if errs > 0 || split > 0 {
		t.Errorf("300 races: %d runs failed, %d left two different key files; last: %s", errs, split, msg)
	}
}

// The same with real processes.
func TestPartitionKeyRaceProcesses(t *testing.T) {
	s := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=600")
		_, _ = w.Write([]byte(`{}`))
	})
	var fails, split int
	var msg string
	for i := 0; i < 20; i++ {
		dir := t.TempDir()
		snap, cache := filepath.Join(dir, "s.snap"), filepath.Join(dir, "h.cache")
		var wg sync.WaitGroup
		var mu sync.Mutex
		for _, args := range [][]string{{"--store-file", snap, "--cache-file", cache}, {"--cache-file", cache}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cmd := exec.Command(binPath, append(args, "-a", "ann:pw", s.URL+"/c")...)
				var se bytes.Buffer
				cmd.Stderr = &se
				if err := cmd.Run(); err != nil {
					mu.Lock()
					fails++
					msg = strings.TrimSpace(se.String())
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		a, _ := os.ReadFile(snap + ".key")
		b, _ := os.ReadFile(cache + ".key")
		if !bytes.Equal(a, b) {
			split++
		}
	}
	if fails > 0 || split > 0 {
		t.Errorf("20 process races: %d runs failed, %d left different keys; last stderr: %s", fails, split, msg)
	}
}

// A snapshot in a directory that does not exist.
func TestPartitionKeyMissingDir(t *testing.T) {
	s := newRecorder(t, nil)
	dir := filepath.Join(t.TempDir(), "no", "such")
	r := cli(t, "--cache-file", filepath.Join(dir, "h.cache"), s.URL+"/x")
	if r.code != 1 || !strings.Contains(r.stderr, "h.cache") {
		t.Errorf("exit %d, stderr %q: want 1 and a message naming the snapshot or its key file", r.code, r.stderr)
	}
}

// Relative paths, and one file given as both snapshots.
func TestPartitionKeyRelativeAndSame(t *testing.T) {
	t.Chdir(t.TempDir())
	k1, err := loadPartitionKey("s.key", "c.key")
	if err != nil {
		t.Fatal(err)
	}
	k2, err := loadPartitionKey("c.key")
	if err != nil || !bytes.Equal(k1, k2) {
		t.Fatalf("%v %x %x", err, k1, k2)
	}
	k3, err := loadPartitionKey("x.key", "x.key")
	k4, err2 := loadPartitionKey("x.key")
	if err != nil || err2 != nil || !bytes.Equal(k3, k4) {
		t.Fatalf("same path twice: %v %v", err, err2)
	}
	if fi, _ := os.Stat("s.key"); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode())
	}
}
