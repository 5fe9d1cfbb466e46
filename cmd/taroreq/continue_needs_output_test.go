package main

import (
	"strings"
	"testing"
)

// --help: "-c, --continue  with -o: resume a partial FILE". Without -o it
// was ignored in silence (the body printed, exit 0); httpie refuses it
// ("--continue only works with --download"). It is a usage error now,
// before any request.
func TestContinueWithoutOutputIsAUsageError(t *testing.T) {
	srv := newRecorder(t, nil)
	for _, flag := range []string{"-c", "--continue"} {
		r := cli(t, flag, srv.URL+"/x")
		r.wantCode(t, exitUsage)
		if !strings.Contains(r.stderr, "-o") {
			t.Errorf("%s: stderr %q", flag, r.stderr)
		}
	}
	if n := len(srv.received(t)); n != 0 {
		t.Errorf("server got %d requests", n)
	}
}
