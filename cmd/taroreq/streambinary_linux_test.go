package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// openPty opens a pseudo-terminal: the master to read, the slave to give
// the binary as its stdout (a terminal, as isTerminal sees it).
func openPty(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skip(err)
	}
	var unlock int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		m.Close()
		t.Skip(e)
	}
	var n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		m.Close()
		t.Skip(e)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Skip(err)
	}
	return m, s
}

// As the buffered output does, --stream shows no binary body on a terminal
// (httpie's --stream neither): it wrote the bytes, escape sequences and
// all, to the terminal.
func TestStreamShowsNoBinaryBodyOnATerminal(t *testing.T) {
	payload := append([]byte("\x00\x01\x1b[2J\xff\xfe"), bytes.Repeat([]byte{0x9b, 0}, 2000)...)
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(payload)
	})
	master, slave := openPty(t)
	defer master.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binPath, "--ignore-stdin", "--stream", "-p", "b", srv.URL+"/bin")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = slave, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	var shown bytes.Buffer
	done := make(chan struct{})
	go func() { io.Copy(&shown, master); close(done) }() // ends with EIO once the binary exits
	if err := cmd.Wait(); err != nil {
		t.Fatalf("%v; stderr %q", err, stderr.String())
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		master.Close()
		<-done
	}
	if shown.Len() != 0 {
		t.Errorf("the terminal was sent %d bytes of a binary body", shown.Len())
	}
	if !strings.Contains(stderr.String(), "binary body not shown") {
		t.Errorf("stderr %q", stderr.String())
	}
}
