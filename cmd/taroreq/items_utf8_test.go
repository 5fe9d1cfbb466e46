package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A field read from a file (key=@file, key:=@file.json), or typed as JSON
// (key:=json), is text: a file that is not UTF-8 is a usage error, as in
// httpie, not a field whose bytes go as U+FFFD (key=@file) or unchanged
// into a JSON body that is then no JSON (key:=@file.json).
func TestItemFileThatIsNotUTF8IsAUsageError(t *testing.T) {
	srv := newRecorder(t, nil)
	dir := t.TempDir()
	bin := filepath.Join(dir, "photo.bin")
	latin1 := filepath.Join(dir, "latin1.json")
	if err := os.WriteFile(bin, []byte{0x00, 0x01, 0xff, 0xfe}, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(latin1, []byte("{\"name\":\"caf\xe9\"}"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, it := range []string{"f=@" + bin, "f:=@" + latin1, "f:=\"caf\xe9\""} {
		r := cli(t, srv.URL+"/x", it)
		r.wantCode(t, exitUsage)
		if !strings.Contains(r.stderr, "not UTF-8") {
			t.Errorf("%q: stderr %q, want it to say the value is not UTF-8", it, r.stderr)
		}
	}
	if n := len(srv.received(t)); n != 0 {
		t.Errorf("the server got %d requests, want none", n)
	}
	// UTF-8 files are fields as before.
	good := filepath.Join(dir, "note.txt")
	if err := os.WriteFile(good, []byte("café\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cli(t, srv.URL+"/x", "f=@"+good).wantCode(t, exitOK)
	if got := srv.only(t).body; got != `{"f":"café\n"}` {
		t.Errorf("body %q", got)
	}
}
