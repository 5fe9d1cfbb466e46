package main

import (
	"strings"
	"testing"
)

// A URL typed without a scheme whose query (or path) holds another URL, as
// a login page's ?next=https://… or httpbin's /redirect-to?url=http://…
// does, is completed with http:// as any other: httpie looks for a scheme
// at the start of the URL, not for "://" anywhere in it.
func TestAURLWithoutSchemeMayQuoteAURL(t *testing.T) {
	rec := newRecorder(t, nil)
	hostPort := strings.TrimPrefix(rec.URL, "http://")
	for _, tc := range []struct{ arg, path, query string }{
		{hostPort + "/login?next=https://app.test/home", "/login", "next=https://app.test/home"},
		{hostPort + "/redirect-to?url=http://a.test/x&status_code=307", "/redirect-to", "url=http://a.test/x&status_code=307"},
		{hostPort + "/img/https://cdn.test/a.png", "/img/https://cdn.test/a.png", ""},
	} {
		r := cli(t, "--retry-times", "0", "--print", "b", tc.arg)
		if r.code != 0 {
			t.Errorf("%q: exit %d, want 0 (a request)\n%s", tc.arg, r.code, r.stderr)
			continue
		}
		reqs := rec.received(t)
		g := reqs[len(reqs)-1]
		if g.path != tc.path || g.rawQuery != tc.query {
			t.Errorf("%q: server saw path %q query %q, want %q %q", tc.arg, g.path, g.rawQuery, tc.path, tc.query)
		}
	}
	// a scheme typed is still a scheme: ftp:// is refused, not read as a host
	if r := cli(t, "--retry-times", "0", "ftp://"+hostPort+"/x?u=http://a.test/"); r.code != 2 || !strings.Contains(r.stderr, "scheme must be http or https") {
		t.Errorf("ftp URL: exit %d, want 2 and the scheme named\n%s", r.code, r.stderr)
	}
}
