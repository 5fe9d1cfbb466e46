package main

import (
	"strings"
	"testing"
)

// README (Command line): a body piped on stdin is sent as it is, with POST
// unless another method is named; GET and HEAD send no body: a usage error,
// nothing sent.
func TestReadmeStdinBodyMethods(t *testing.T) {
	srv := newRecorder(t, nil)
	const body = "raw <body> 1"
	for _, m := range []string{"GET", "HEAD", "get"} {
		r := cliIn(t, strings.NewReader(body), m, srv.URL+"/x")
		r.wantCode(t, exitUsage)
		if !strings.Contains(r.stderr, "sends no body") {
			t.Errorf("%s with a stdin body: %q", m, r.stderr)
		}
	}
	cliIn(t, strings.NewReader(body), "PUT", srv.URL+"/x").wantCode(t, exitOK)
	reqs := srv.received(t)
	if len(reqs) != 1 {
		t.Fatalf("server got %d requests, want only the PUT: %+v", len(reqs), reqs)
	}
	if g := reqs[0]; g.method != "PUT" || g.body != body {
		t.Errorf("server got %s %q, want PUT %q", g.method, g.body, body)
	}
}
