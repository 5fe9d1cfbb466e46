package timeout_test

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/timeout"
	"go.uber.org/goleak"
)

// With no deadline, a bodiless request's sends are bounded (sendUnbounded):
// a protocol switch still hands the caller the connection itself, which
// echoes both ways; plain requests on the same transport keep working, the
// caller's own httptrace hears every send, and no goroutine is left.
func TestNoDeadlineKeepsASwitchAndTheCallersTrace(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upgrade") == "" {
			w.Write([]byte("plain"))
			return
		}
		conn, brw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		brw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n")
		brw.Flush()
		conn.SetDeadline(time.Now().Add(5 * time.Second))
		io.Copy(conn, brw)
	}))
	defer srv.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	rt := timeout.New(tr, timeout.WithTimeout(0))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var conns int
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{GotConn: func(httptrace.GotConnInfo) { conns++ }})
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	req.Header.Set("Upgrade", "echo")
	req.Header.Set("Connection", "Upgrade")
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	rwc, ok := resp.Body.(io.ReadWriteCloser)
	if !ok {
		t.Fatalf("body %T", resp.Body)
	}
	for i := 0; i < 3; i++ {
		if _, err := rwc.Write([]byte("ping\n")); err != nil {
			t.Fatal(err)
		}
		line, err := bufio.NewReader(rwc).ReadString('\n')
		if err != nil || line != "ping\n" {
			t.Fatalf("%q %v", line, err)
		}
	}
	rwc.Close()
	for i := 0; i < 50; i++ {
		req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
		resp, err := rt.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(b) != "plain" {
			t.Fatal(string(b))
		}
	}
	if conns != 51 {
		t.Errorf("caller's trace heard %d", conns)
	}
	tr.CloseIdleConnections()
}

// With no deadline, a body read whole below (a *middleware.BufferedBody,
// the retry layer's) or none (http.NoBody) is handed on as it is: the
// exchange is over, nothing to release on Close, and the client takes a
// buffered body's Bytes without copying it.
func TestNoDeadlineHandsABufferedBodyOnAsItIs(t *testing.T) {
	for _, body := range []io.ReadCloser{middleware.NewBufferedBody([]byte("whole")), http.NoBody} {
		base := middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			return &http.Response{StatusCode: 200, Header: http.Header{}, Body: body, Request: req}, nil
		})
		req, _ := http.NewRequest("GET", "http://h.test/", nil)
		resp, err := timeout.New(base, timeout.WithTimeout(0)).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.Body != body {
			t.Errorf("body %T, want the %T as it was", resp.Body, body)
		}
		resp.Body.Close()
	}
}
