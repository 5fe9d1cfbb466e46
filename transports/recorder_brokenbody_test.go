package transports_test

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/transports"
)

// A response whose body broke while it was recorded (a Content-Length
// longer than what came, then the connection closed) is replayed as
// breaking after the bytes that came: io.ErrUnexpectedEOF, not a short
// body that ends well, which a caller would take whole. A body read whole
// and one the caller closed early replay without an error.
func TestReplayerReplaysABrokenBodyAsBroken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			req, err := http.ReadRequest(bufio.NewReader(c))
			if err == nil {
				switch req.URL.Path {
				case "/cut":
					io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 20\r\n\r\nfirst part")
				default:
					io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\nwhole body")
				}
			}
			c.Close()
		}
	}()
	t.Cleanup(func() { ln.Close(); <-done })
	base := "http://" + ln.Addr().String()

	dir := t.TempDir()
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	rec, err := transports.NewRecorder(tr, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/cut", "/whole", "/early"} {
		resp, err := send(t, rec, "GET", base+path, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if path == "/early" {
			resp.Body.Read(make([]byte, 3))
		} else {
			_, err = io.ReadAll(resp.Body)
		}
		resp.Body.Close()
		if (path == "/cut") != (err != nil) {
			t.Fatalf("recording %s: read error %v", path, err)
		}
	}
	if err := rec.Err(); err != nil {
		t.Fatal(err)
	}

	rep, err := transports.NewReplayer(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path, body string
		broken     bool
	}{{"/cut", "first part", true}, {"/whole", "whole body", false}, {"/early", "who", false}} {
		resp, err := send(t, rep, "GET", base+tc.path, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(b) != tc.body || errors.Is(err, io.ErrUnexpectedEOF) != tc.broken || !tc.broken && err != nil {
			t.Errorf("replaying %s: body %q, read error %v; want %q, broken %v", tc.path, b, err, tc.body, tc.broken)
		}
		if tc.broken && (resp.ContentLength != -1 || resp.Header.Get("Content-Length") != "") {
			t.Errorf("replaying %s: ContentLength %d, header %q; want none announced", tc.path, resp.ContentLength, resp.Header.Get("Content-Length"))
		}
	}
}
