package main

import (
	"bytes"
	"compress/gzip"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// README (Command line): --print H shows the request's headers as sent:
// those the transport writes itself (Host, User-Agent, Accept-Encoding)
// too, with the values the server received, as httpie shows them; -v
// shows them as well, credentials redacted.
func TestPrintShowsTheHeadersTheTransportAdds(t *testing.T) {
	srv := newRecorder(t, nil)
	r := cli(t, "--print", "H", "-v", "-a", "ann:SEKRET-PW", srv.URL+"/x", "X-Mine:1")
	r.wantCode(t, exitOK)
	g := srv.only(t)
	for _, name := range []string{"Host", "User-Agent", "Accept-Encoding", "X-Mine"} {
		v := g.header.Get(name)
		if name == "Host" {
			v = strings.TrimPrefix(srv.URL, "http://")
		}
		if v == "" {
			t.Fatalf("the server got no %s: %v", name, g.header)
		}
		if !strings.Contains(r.stdout, name+": "+v+"\n") {
			t.Errorf("--print H does not show %s: %s as sent:\n%s", name, v, r.stdout)
		}
		if !strings.Contains(r.stderr, "> "+name+": "+v+"\n") {
			t.Errorf("-v does not show %s: %s as sent:\n%s", name, v, r.stderr)
		}
	}
	if !strings.Contains(r.stdout, "Authorization: Basic") || strings.Contains(r.stderr, "SEKRET") ||
		strings.Contains(r.stderr, "Basic YW5u") {
		t.Errorf("Authorization: --print H shows it, -v redacts it:\nstdout %s\nstderr %s", r.stdout, r.stderr)
	}
}

// The Proxy-Authorization the transport writes from the proxy URL's
// userinfo (the environment, not the command line) is shown REDACTED by
// --print H too: the headers as sent never bring the proxy's password out.
func TestPrintHidesTheProxysPassword(t *testing.T) {
	srv := newRecorder(t, nil)
	t.Setenv("HTTP_PROXY", strings.Replace(srv.URL, "http://", "http://pu:PROXY-SEKRET@", 1))
	t.Setenv("NO_PROXY", "")
	r := cli(t, "--print", "H", "-v", "http://example.invalid/x")
	r.wantCode(t, exitOK)
	if g := srv.only(t); g.header.Get("Proxy-Authorization") == "" {
		t.Fatalf("the proxy got no Proxy-Authorization: %v", g.header)
	}
	if !strings.Contains(r.stdout, "Proxy-Authorization: REDACTED\n") || strings.Contains(r.stdout+r.stderr, "cHU6UFJPWFkt") {
		t.Errorf("the proxy's password is shown:\nstdout %s\nstderr %s", r.stdout, r.stderr)
	}
}

// A gzip answer is decoded by the transport, which drops its
// Content-Encoding and Content-Length: --print hb shows the decoded body
// without them, as the README says.
func TestPrintShowsAGzipAnswerDecoded(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(`{"a":1}`))
		zw.Close()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(b.Bytes())
	})
	r := cli(t, "--print", "hb", "--pretty", "none", srv.URL+"/x")
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stdout, "\n\n{\"a\":1}") || strings.Contains(r.stdout, "Content-Encoding") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	if g := srv.only(t); g.header.Get("Accept-Encoding") != "gzip" {
		t.Errorf("Accept-Encoding %q", g.header.Get("Accept-Encoding"))
	}
}

// --print H and h name the protocol the exchange used: over HTTP/2 they
// showed "HTTP/1.1" for the request and the response alike; over HTTP/1.1
// they still do.
func TestPrintNamesTheProtocolSpoken(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Proto", r.Proto)
		_, _ = w.Write([]byte("hi"))
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SSL_CERT_FILE", ca) // the binary trusts the test server
	r := cli(t, "-p", "Hh", srv.URL+"/x")
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stdout, "X-Proto: HTTP/2.0") {
		t.Skipf("not spoken over HTTP/2:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "GET "+srv.URL+"/x HTTP/2.0\n") || !strings.Contains(r.stdout, "\nHTTP/2.0 200 OK\n") {
		t.Errorf("--print Hh over HTTP/2:\n%s", r.stdout)
	}

	plain := newRecorder(t, nil)
	r = cli(t, "-p", "Hh", plain.URL+"/x")
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stdout, "GET "+plain.URL+"/x HTTP/1.1\n") || !strings.Contains(r.stdout, "\nHTTP/1.1 200 OK\n") {
		t.Errorf("--print Hh over HTTP/1.1:\n%s", r.stdout)
	}
}
