package main

import (
	"net/http"
	"strings"
	"testing"
)

// -v is a log: a response header echoing what the request sent under a
// name no rule knows (a debug header quoting the bearer token, the API
// key, a cookie's value) shows it REDACTED, as the request's own
// Authorization is; --print h shows headers as they went.
func TestVerboseRedactsEchoedCredentials(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		_, ck, _ := strings.Cut(r.Header.Get("Cookie"), "=")
		w.Header().Set("X-Echo", "auth="+r.Header.Get("Authorization")+" key="+r.Header.Get("X-Api-Key")+" ck="+ck+" qt="+r.URL.Query().Get("access_token"))
		w.Header().Set("X-Token-Seen", strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
		w.Write([]byte(`{}`))
	})
	r := cli(t, "-v", "-A", "bearer", "-a", "SEKRET-TOKEN-1", srv.URL+"/x", "X-Api-Key:SEKRET-KEY-2", "Cookie:sid=SEKRET-CK-3")
	r.wantCode(t, 0)
	if strings.Contains(r.stderr, "SEKRET") {
		t.Errorf("-v printed an echoed credential:\n%s", r.stderr)
	}
	// A secret of the URL's query, echoed under another name.
	r = cli(t, "-v", srv.URL+"/x?access_token=SEKRET-QT-4")
	r.wantCode(t, 0)
	if strings.Contains(r.stderr, "SEKRET") {
		t.Errorf("-v printed an echoed credential:\n%s", r.stderr)
	}
	if !strings.Contains(r.stderr, "X-Echo: auth=") {
		t.Errorf("-v left out the echo header:\n%s", r.stderr)
	}
}
