package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A credential need not be typed on the command line, where every user of
// the machine reads it (ps, /proc/PID/cmdline) and the shell's history
// keeps it: Header:@file and key==@file read the value from a file, as
// httpie (3.0, httpie/cli#1225) and xh do. The file's trailing newline is
// not part of the value (echo writes one). They sent "@file" as it is.
func TestHeaderAndQueryValuesReadFromAFile(t *testing.T) {
	dir := t.TempDir()
	token := filepath.Join(dir, "token")
	if err := os.WriteFile(token, []byte("Bearer SEKRET-T\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(dir, "key")
	if err := os.WriteFile(key, []byte("SEKRET K&1\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := newRecorder(t, nil)
	r := cli(t, srv.URL+"/x", "Authorization:@"+token, "api_key==@"+key)
	r.wantCode(t, exitOK)
	g := srv.only(t)
	if a := g.header.Get("Authorization"); a != "Bearer SEKRET-T" {
		t.Errorf("Authorization %q, want the file's token", a)
	}
	if g.rawQuery != "api_key=SEKRET%20K%261" {
		t.Errorf("query %q, want the file's value escaped", g.rawQuery)
	}
}

// A value of the file that is no header value (a line break inside, not
// UTF-8 for a query) or a file missing is a usage error that names the
// item, not its value.
func TestHeaderValueFileErrors(t *testing.T) {
	dir := t.TempDir()
	two := filepath.Join(dir, "two")
	if err := os.WriteFile(two, []byte("SEKRET-1\nSEKRET-2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, it := range []string{"Authorization:@" + two, "X-Api-Key:@" + filepath.Join(dir, "missing"), "Authorization:@"} {
		r := cli(t, "http://127.0.0.1:1/x", it)
		r.wantCode(t, exitUsage)
		if strings.Contains(r.stdout+r.stderr, "SEKRET") {
			t.Errorf("%q: the error shows the file's content:\n%s", it, r.stderr)
		}
	}
}
