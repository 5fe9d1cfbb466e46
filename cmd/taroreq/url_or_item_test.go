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
