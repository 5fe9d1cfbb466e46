package transports_test

import (
	"bufio"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/transports"
)

func TestDefaultIsTuned(t *testing.T) {
	tr := transports.Default()
	defer tr.CloseIdleConnections()
	if tr.MaxIdleConnsPerHost < 64 {
		t.Errorf("MaxIdleConnsPerHost = %d, want >= 64", tr.MaxIdleConnsPerHost)
	}
	if tr.MaxIdleConns != 0 && tr.MaxIdleConns < tr.MaxIdleConnsPerHost {
		t.Errorf("MaxIdleConns = %d is below MaxIdleConnsPerHost = %d", tr.MaxIdleConns, tr.MaxIdleConnsPerHost)
	}
	if !tr.ForceAttemptHTTP2 {
		t.Error("ForceAttemptHTTP2 is false")
	}
	for name, d := range map[string]int64{
		"TLSHandshakeTimeout":   int64(tr.TLSHandshakeTimeout),
		"IdleConnTimeout":       int64(tr.IdleConnTimeout),
		"ExpectContinueTimeout": int64(tr.ExpectContinueTimeout),
	} {
		if d <= 0 {
			t.Errorf("%s is not set", name)
		}
	}
	if tr.ResponseHeaderTimeout != 0 {
		t.Errorf("ResponseHeaderTimeout = %v: it would cut a request whose Timeout is longer or none", tr.ResponseHeaderTimeout)
	}
	if tr.DialContext == nil {
		t.Error("DialContext is nil: dials are not bounded")
	}
	if tr.Proxy == nil {
		t.Error("Proxy is nil: the environment's proxy settings are ignored")
	}
}

func TestDefaultIsFresh(t *testing.T) {
	a, b := transports.Default(), transports.Default()
	defer a.CloseIdleConnections()
	defer b.CloseIdleConnections()
	if a == b {
		t.Fatal("Default returned the same transport twice: pools would be shared")
	}
	a.MaxIdleConnsPerHost = 1
	if b.MaxIdleConnsPerHost == 1 {
		t.Fatal("changing one Default transport changed another")
	}
}

// TestDefaultBoundsResponseHeader: a 2 MiB response header fails the
// request; net/http's own bound is 10 MiB, all of it held in memory.
func TestDefaultBoundsResponseHeader(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		http.ReadRequest(bufio.NewReader(conn))
		conn.Write([]byte("HTTP/1.1 200 OK\r\nX-Big: " + strings.Repeat("a", 2<<20) + "\r\nContent-Length: 2\r\n\r\nok"))
	}()
	tr := transports.Default()
	defer tr.CloseIdleConnections()
	req, _ := http.NewRequest("GET", "http://"+ln.Addr().String()+"/", nil)
	resp, err := tr.RoundTrip(req)
	if err == nil {
		resp.Body.Close()
		t.Fatal("a 2 MiB response header was read")
	}
	if !strings.Contains(err.Error(), "header") {
		t.Errorf("err %v", err)
	}
}
