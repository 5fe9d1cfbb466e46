package main

import (
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

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
