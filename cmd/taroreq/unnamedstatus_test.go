package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A status net/http has no reason phrase for (Cloudflare's 522) is shown
// as its number alone: no stray space in the warning, the --check-status
// line, --trace or -v.
func TestUnnamedStatusLinesHaveNoStraySpace(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(522)
	}))
	defer srv.Close()
	for _, args := range [][]string{
		{"--retry-times", "0", srv.URL},
		{"--retry-times", "0", "--check-status", srv.URL},
		{"--retry-times", "0", "--trace", srv.URL},
		{"--retry-times", "0", "-v", srv.URL},
		{"--retry-times", "0", "--stream", srv.URL},
	} {
		r := cli(t, args...)
		if !strings.Contains(r.stderr, "522") {
			t.Fatalf("%q: stderr %q names no 522", args, r.stderr)
		}
		for _, line := range strings.Split(r.stderr, "\n") {
			if strings.Contains(line, "522") && (strings.HasSuffix(line, " ") || strings.Contains(line, "522  ")) {
				t.Errorf("%q: stray space in %q", args, line)
			}
		}
	}
}
