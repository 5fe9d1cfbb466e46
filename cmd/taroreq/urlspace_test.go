package main

import "testing"

// The library reads a URL as fetch does (client.Option.URL and
// client.WithBaseURL: spaces and controls around it trimmed, tabs and
// newlines in it removed); the CLI checks the text with url.Parse first,
// and refuses what the library would send (a URL pasted with a trailing
// newline or a leading space).
func TestURLReadAsTheLibraryReadsIt(t *testing.T) {
	srv := newRecorder(t, nil)
	for _, args := range [][]string{
		{"GET", srv.URL + "/get\n"},
		{"GET", " " + srv.URL + "/get"},
		{"--base-url", srv.URL + "\n", "/get"},
		{"--base-url", srv.URL, " /get"},
	} {
		r := cli(t, args...)
		if r.code != exitOK {
			t.Errorf("%q: exit %d, %s", args, r.code, r.stderr)
		}
	}
}
