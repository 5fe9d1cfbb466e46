//go:build unix

package transports_test

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/taroreq/taroreq/transports"
)

// A cassette directory comes from a repository that anyone may send a
// change to, and git keeps symbolic links: an "exchange file" that is a FIFO,
// or a link to /dev/zero, is refused with an error naming it, before it is
// read (a FIFO blocked the load for ever; /dev/zero was read into memory
// without end, half a gigabyte in two seconds).
func TestReplayerRefusesFilesThatAreNotRegular(t *testing.T) {
	fifoDir := t.TempDir()
	fifo := filepath.Join(fifoDir, "000001-GET-00000000.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFO here:", err)
	}
	loaded := make(chan error, 1)
	go func() { _, err := transports.NewReplayer(fifoDir); loaded <- err }()
	var err error
	select {
	case err = <-loaded:
	case <-time.After(2 * time.Second):
		if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil { // let the load end
			w.Close()
		}
		<-loaded
		t.Fatal("loading a directory with a FIFO blocked")
	}
	if err == nil || !strings.Contains(err.Error(), "000001-GET-00000000.json") || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a FIFO: err = %v, want one naming the file as not regular", err)
	}

	zeroDir := t.TempDir()
	if err := os.Symlink("/dev/zero", filepath.Join(zeroDir, "000001-GET-00000000.json")); err != nil {
		t.Skip("no symbolic link here:", err)
	}
	if _, err := transports.NewReplayer(zeroDir); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a link to /dev/zero: err = %v, want one naming the file as not regular", err)
	}

	// A link to a regular exchange file is read as that file.
	var url string
	dir := record(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "linked") },
		func(rt http.RoundTripper, base string) {
			url = base + "/x"
			resp, err := send(t, rt, "GET", url, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			readAll(t, resp)
		})
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	linked := t.TempDir()
	if len(files) != 1 || os.Symlink(files[0], filepath.Join(linked, filepath.Base(files[0]))) != nil {
		t.Fatalf("cannot link %v", files)
	}
	resp, err := send(t, newReplayer(t, linked), "GET", url, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if body := readAll(t, resp); body != "linked" {
		t.Errorf("replayed %q through a link, want %q", body, "linked")
	}
}
