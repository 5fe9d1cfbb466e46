package main

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// README: "130 interrupted". SIGINT to the binary while a request is in
// flight (waiting for headers, between retries, streaming a body to -o or
// stdout) exits 130.
func TestInterruptExits130(t *testing.T) {
	arrived := make(chan struct{}, 16)
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/503":
			w.Header().Set("Retry-After", "8")
			w.WriteHeader(http.StatusServiceUnavailable)
			arrived <- struct{}{}
			return
		case "/body":
			w.Header().Set("Content-Length", "1000")
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte("partial"))
			w.(http.Flusher).Flush()
		}
		arrived <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	out := filepath.Join(t.TempDir(), "out.bin")
	for name, args := range map[string][]string{
		"headers":  {"--timeout", "30s", srv.URL + "/slow"},
		"backoff":  {"--timeout", "30s", "--retry-times", "2", srv.URL + "/503"},
		"-o body":  {"--timeout", "30s", "-o", out, srv.URL + "/body"},
		"--stream": {"--timeout", "30s", "--stream", srv.URL + "/body"},
	} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, binPath, append([]string{"--ignore-stdin"}, args...)...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			select {
			case <-arrived:
			case <-time.After(10 * time.Second):
				t.Fatal("the request never arrived")
			}
			time.Sleep(200 * time.Millisecond) // the client is waiting now
			if err := cmd.Process.Signal(os.Interrupt); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			err := cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("wait: %v (stderr %q)", err, stderr.String())
			}
			if ee.ExitCode() != exitInterrupted {
				t.Errorf("exit code %d, want %d; stderr %q", ee.ExitCode(), exitInterrupted, stderr.String())
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("exited %v after SIGINT", d)
			}
			if !strings.Contains(stderr.String(), "interrupt") {
				t.Logf("stderr %q", stderr.String())
			}
		})
	}
}
