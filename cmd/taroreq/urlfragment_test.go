package main

import "testing"

// A '%' in a URL's fragment that starts no escape ("#100%") is no error to
// the client (fetch keeps it, and no fragment is sent), so the command
// line's own check of its URL arguments does not refuse it either: the URL,
// a backup's and the base URL's. It did: "bad URL ...: invalid URL escape".
func TestFragmentPercentInAURLArgumentIsNoUsageError(t *testing.T) {
	srv := newRecorder(t, nil)
	cli(t, "--retry-times", "0", srv.URL+"/a#100%").wantCode(t, exitOK)
	cli(t, "--retry-times", "0", "--backup", srv.URL+"/b#%zz", srv.URL+"/a").wantCode(t, exitOK)
	cli(t, "--retry-times", "0", "--base-url", srv.URL+"/#%", "/c").wantCode(t, exitOK)
	var paths []string
	for _, g := range srv.received(t) {
		paths = append(paths, g.path)
	}
	if len(paths) != 3 || paths[0] != "/a" || paths[1] != "/a" || paths[2] != "/c" {
		t.Errorf("server got %q, want [/a /a /c]", paths)
	}
}
