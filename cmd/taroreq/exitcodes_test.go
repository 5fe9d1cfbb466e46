package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The exit codes are the numbers README and --help document: a test of the
// numbers, not of the names, so that changing a constant fails here.
func TestExitCodeNumbers(t *testing.T) {
	for name, c := range map[string]struct{ got, want int }{
		"ok": {exitOK, 0}, "error": {exitError, 1}, "usage": {exitUsage, 2}, "timeout": {exitTimeout, 2},
		"3xx": {exitStatus3xx, 3}, "4xx": {exitStatus4xx, 4}, "5xx": {exitStatus5xx, 5},
		"redirects": {exitRedirects, 6}, "data check": {exitDataCheck, 8}, "breaker": {exitBreaker, 9},
		"interrupted": {exitInterrupted, 130},
	} {
		if c.got != c.want {
			t.Errorf("exit code %s is %d, documented %d", name, c.got, c.want)
		}
	}
}

// --mode same-origin (the default with --base-url) refuses a URL of
// another origin before any I/O: a usage error, exit 2 with the hint. A
// redirect it refuses once the request was sent is a failure of that
// request, as a refused connection is: exit 1, no usage hint. It was 2
// (ErrCrossOrigin counted as a mistake of the command line).
func TestExitOfACrossOriginRefusal(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer other.Close()
	hits := 0
	home := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		http.Redirect(w, r, other.URL+"/there", http.StatusFound)
	}))
	defer home.Close()
	for _, tc := range []struct {
		name, url string
		want      int
		hits      int
		hint      bool
	}{
		{"refused before any I/O", other.URL + "/x", exitUsage, 0, true},
		{"redirect refused after I/O", home.URL + "/r", exitError, 1, false},
	} {
		hits = 0
		var out, errb bytes.Buffer
		code := run([]string{"--base-url", home.URL, tc.url}, nil, &out, &errb)
		if code != tc.want || hits != tc.hits {
			t.Errorf("%s: exit %d after %d requests, want %d after %d (stderr %q)", tc.name, code, hits, tc.want, tc.hits, errb.String())
		}
		if hint := strings.Contains(errb.String(), usageHint); hint != tc.hint {
			t.Errorf("%s: usage hint shown %v, want %v (stderr %q)", tc.name, hint, tc.hint, errb.String())
		}
		if !strings.Contains(errb.String(), "cross-origin") {
			t.Errorf("%s: stderr %q does not say the request was refused", tc.name, errb.String())
		}
	}
}
