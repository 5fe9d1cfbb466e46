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

// -v and --trace quote an attempt's error, whose text may quote the
// server's words (a header line net/http refuses, with a control byte in
// it): the credentials it echoes there (the bearer token, the API key, the
// URL's ?access_token=) are REDACTED, as in a response header of -v.
func TestVerboseRedactsCredentialsEchoedInAnError(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		echo := "tok=" + strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ") + " key=" + r.Header.Get("X-Api-Key") +
			" q=" + r.URL.Query().Get("access_token")
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Echo: " + echo + "\x01\r\n\r\n")
		buf.Flush()
	})
	r := cli(t, "-v", "--trace", "-A", "bearer", "-a", "SEKRET-TOKEN-1", srv.URL+"/x?access_token=SEKRET-QT-3", "X-Api-Key:SEKRET-KEY-2")
	if strings.Contains(r.stderr+r.stdout, "SEKRET") {
		t.Errorf("-v printed an echoed credential:\n%s%s", r.stderr, r.stdout)
	}
	if !strings.Contains(r.stderr, "X-Echo: tok=") {
		t.Errorf("-v left out the refused line:\n%s", r.stderr)
	}
}

// A Basic credential (-a user:pass) goes base64-encoded; a server that
// echoes its password decoded, in a refused line, has it REDACTED in -v's
// error lines too (credential.RequestEchoes).
func TestVerboseRedactsAnEchoedBasicPassword(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		_, pw, _ := r.BasicAuth()
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Echo: v=" + pw + "\x01\r\n\r\n")
		buf.Flush()
	})
	r := cli(t, "-v", "--trace", "-a", "ann:SEKRET-PASS-1", srv.URL+"/x")
	if strings.Contains(r.stderr+r.stdout, "SEKRET") {
		t.Errorf("-v printed an echoed password:\n%s%s", r.stderr, r.stdout)
	}
	if !strings.Contains(r.stderr, "X-Echo: v=") {
		t.Errorf("-v left out the refused line:\n%s", r.stderr)
	}
}
