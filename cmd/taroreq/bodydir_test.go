package main

import (
	"strings"
	"testing"
)

// "@file" naming a directory is a bad item, as "key=@dir" is: a usage
// error (exit 2) before any I/O. It opened, then failed reading the body
// while encoding the request: exit 1, as if the network had failed.
func TestBodyFileThatIsADirectoryIsAUsageError(t *testing.T) {
	srv := newRecorder(t, nil)
	r := cli(t, srv.URL+"/post", "@"+t.TempDir())
	r.wantCode(t, exitUsage)
	if !strings.Contains(r.stderr, "is a directory") {
		t.Errorf("stderr %q", r.stderr)
	}
	if n := len(srv.received(t)); n != 0 {
		t.Errorf("server got %d requests", n)
	}
}
