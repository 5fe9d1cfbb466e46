package client_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/layertest"
)

// closedWriteTransport fails every request as net/http does when the
// server closes the connection while the body is being written: its read
// side sees the close and closes the connection, and the write under way
// fails on it.
type closedWriteTransport struct{ n atomic.Int32 }

func (c *closedWriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	c.n.Add(1)
	if req.Body != nil {
		req.Body.Close()
	}
	return nil, &net.OpError{Op: "write", Net: "tcp", Source: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 40000},
		Addr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, Err: net.ErrClosed}
}

// A request whose connection the server closed while its body was being
// sent (toxiproxy's limit_data on the upstream direction, a proxy that
// drops an upload) failed with net/http's "write tcp …: use of closed
// network connection" alone, which reads as the caller's own mistake. It
// says what happened, once per attempt however many layers it crosses, and still
// matches net.ErrClosed; a POST is not sent again, a GET is.
func TestClosedWriteSaysTheConnectionClosed(t *testing.T) {
	const want = "the connection closed while the request was being sent"
	for _, tc := range []struct {
		method   string
		attempts int
	}{{"POST", 1}, {"GET", 3}} {
		rt := &closedWriteTransport{}
		c := client.New(client.WithBaseURL("http://api.test"), client.WithTransport(rt))
		opt := client.Option{URL: "/upload", Method: tc.method}
		if tc.method == "POST" {
			opt.Data = map[string]any{"a": strings.Repeat("x", 100)}
		}
		resp, err := c.Request(context.Background(), opt)
		if err == nil {
			t.Fatalf("%s: no error", tc.method)
		}
		if n, m := strings.Count(err.Error(), want), strings.Count(err.Error(), "use of closed network connection"); n != m || n == 0 {
			t.Errorf("%s: error says %q %d times for %d closed writes, want once each: %v", tc.method, want, n, m, err)
		}
		if !strings.Contains(resp.ErrMsg, want) {
			t.Errorf("%s: ErrMsg %q does not say %q", tc.method, resp.ErrMsg, want)
		}
		if !errors.Is(err, net.ErrClosed) {
			t.Errorf("%s: error %v does not match net.ErrClosed", tc.method, err)
		}
		if got := int(rt.n.Load()); got != tc.attempts || resp.Attempts != tc.attempts {
			t.Errorf("%s: %d requests, Attempts %d, want %d", tc.method, got, resp.Attempts, tc.attempts)
		}
	}
}

// Over a real connection: a server that reads a POST's header, then
// closes its side while the body is still coming. Whichever error net/http
// reports first (the read's EOF, the write's), none is the bare "use of
// closed network connection".
func TestClosedWriteOverARealConnection(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	layertest.ServeConns(t, ln, func(conn net.Conn) {
		br := bufio.NewReader(conn)
		for {
			line, err := br.ReadString('\n')
			if err != nil || line == "\r\n" {
				break
			}
		}
		conn.(*net.TCPConn).CloseWrite() // no answer; the body still read, so no reset
		io.Copy(io.Discard, br)
	})
	c := client.New(client.WithBaseURL("http://" + ln.Addr().String()))
	defer c.CloseIdleConnections()
	body := bytes.Repeat([]byte("b"), 4<<20)
	for i := 0; i < 20; i++ {
		resp, err := c.Request(context.Background(), client.Option{URL: "/upload", Method: "POST", Data: body,
			Header: http.Header{"Content-Type": {"application/octet-stream"}}})
		if err == nil {
			t.Fatalf("attempt %d: status %d, want an error", i, resp.StatusCode)
		}
		if s := err.Error(); strings.Contains(s, "use of closed network connection") && !strings.Contains(s, "while the request was being sent") {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
}
