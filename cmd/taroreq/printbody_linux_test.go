package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// --print B shows the request body as sent (README): the whole of it, not
// its first 64 KiB cut without a word (-v still shows those, and says so);
// and, as the response body, a binary one is not written to a terminal.
func TestPrintRequestBodyIsWholeAndNoBinaryOnATerminal(t *testing.T) {
	srv := newRecorder(t, nil)
	dir := t.TempDir()
	big := bytes.Repeat([]byte("0123456789abcdef"), 10000) // 160000 bytes
	bigFile := filepath.Join(dir, "big.txt")
	binFile := filepath.Join(dir, "photo.bin")
	if err := os.WriteFile(bigFile, big, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(binFile, []byte("\x00\x1b[2J\xff\xfe"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := cli(t, "-p", "B", "-v", srv.URL+"/x", "@"+bigFile)
	r.wantCode(t, exitOK)
	if r.stdout != string(big)+"\n\n" {
		t.Errorf("--print B: %d bytes on stdout, want the %d sent", len(r.stdout), len(big))
	}
	if !strings.Contains(r.stderr, "the first 65536 shown") {
		t.Errorf("-v no longer bounds the body it shows: %d bytes", len(r.stderr))
	}

	master, slave := openPty(t)
	defer master.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binPath, "-p", "B", srv.URL+"/x", "@"+binFile)
	cmd.Stdout = slave
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	var shown bytes.Buffer
	done := make(chan struct{})
	go func() { io.Copy(&shown, master); close(done) }() // ends with EIO once the binary exits
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		master.Close()
		<-done
	}
	if bytes.Contains(shown.Bytes(), []byte("\x1b[2J")) || bytes.Contains(shown.Bytes(), []byte{0xff}) {
		t.Errorf("the terminal was sent the binary request body: %q", shown.String())
	}
	if !strings.Contains(shown.String(), "binary body") {
		t.Errorf("terminal: %q", shown.String())
	}
}
