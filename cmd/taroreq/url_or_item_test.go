package main

import (
	"net/http"
	"strings"
	"sync"
	"testing"
)

// A scheme-less host:port whose host name merely contains a secret word
// (keycloak has "key", auth/oauth2-proxy "auth", session-store "session")
// is an ordinary httpie-style URL. HTTP_PROXY routes it to a loopback
// recorder, so no name is looked up.
func TestAHostWithASecretWordIsStillAURL(t *testing.T) {
	var mu sync.Mutex
	var hosts []string
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hosts = append(hosts, r.Host)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{}`))
	})
	t.Setenv("HTTP_PROXY", rec.URL)
	t.Setenv("http_proxy", rec.URL)
	t.Setenv("NO_PROXY", "")
	t.Setenv("no_proxy", "")
	for _, u := range []string{"keycloak:8080/realms/master", "auth:9000/health", "oauth2-proxy:4180/ping", "session-store:8080/x"} {
		r := cli(t, "--retry-times", "0", u)
		if r.code != 0 {
			t.Errorf("%q: exit %d, want 0 (a request)\n%s", u, r.code, r.stderr)
		}
	}
	// userinfo whose user name is secret-looking: a URL too
	_, port, _ := strings.Cut(strings.TrimPrefix(rec.URL, "http://"), ":")
	u := "apikey:pw@127.0.0.1:" + port + "/x"
	if r := cli(t, "--retry-times", "0", u); r.code != 0 {
		t.Errorf("%q: exit %d, want 0\n%s", u, r.code, r.stderr)
	}
}

// A credential item whose key has a dot (connect.sid, the session id
// internal/credential names; client.secret; db.password) typed where the
// URL goes is taken for the host "connect.sid=SEKRET", which is printed
// (and, without a proxy, looked up in DNS). HTTP_PROXY to a closed port
// keeps the lookup off the network.
func TestADottedCredentialItemIsNoHost(t *testing.T) {
	t.Setenv("HTTP_PROXY", "http://127.0.0.1:1")
	t.Setenv("http_proxy", "http://127.0.0.1:1")
	t.Setenv("NO_PROXY", "")
	t.Setenv("no_proxy", "")
	wantNoSecret(t, [][]string{
		{"--retry-times", "0", "connect.sid=SEKRET-A"},
		{"--retry-times", "0", "POST", "client.secret=SEKRET-B", "http://127.0.0.1:1/x"},
		{"--retry-times", "0", "--backup", "db.password=SEKRET-C", "http://127.0.0.1:1/x"},
		{"--retry-times", "0", "--base-url", "http://127.0.0.1:1/", "spring.datasource.password=SEKRET-D"},
	})
}

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
