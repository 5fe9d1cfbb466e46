package client_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// connServer is a raw HTTP/1.1 server on loopback: it reads each request
// whole and lets answer write anything on the connection, so a test can
// break the answer where net/http's server never would. It keeps the
// request bodies it received, in order.
type connServer struct {
	URL    string
	mu     sync.Mutex
	bodies [][]byte
}

func newConnServer(t *testing.T, answer func(c net.Conn, w *bufio.Writer) (keep bool)) *connServer {
	t.Helper()
	s := &connServer{}
	s.URL = serveConns(t, func(c net.Conn) {
		br, bw := bufio.NewReader(c), bufio.NewWriter(c)
		for {
			req, err := http.ReadRequest(br)
			if err != nil {
				return
			}
			body, _ := io.ReadAll(req.Body)
			s.mu.Lock()
			s.bodies = append(s.bodies, body)
			s.mu.Unlock()
			if !answer(c, bw) {
				return
			}
		}
	})
	return s
}

// serveConns listens on loopback and runs serve on each connection it
// accepts, in a goroutine of its own, closing the connection when serve
// returns. It returns the server's http URL; at the test's end the
// listener and every connection are closed and their goroutines waited for.
func serveConns(t *testing.T, serve func(c net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	layertest.ServeConns(t, ln, serve)
	return "http://" + ln.Addr().String()
}

func (s *connServer) Bodies() [][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([][]byte(nil), s.bodies...)
}

func writeRaw(w *bufio.Writer, s string) {
	w.WriteString(s)
	w.Flush()
}

// resetConn closes c with a TCP RST.
func resetConn(c net.Conn) {
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	c.Close()
}

// Answers broken on the wire: a GET is retried (three attempts, then
// retry.ErrExhausted), a POST that reached the server is not sent again,
// and every attempt carried the whole body; a POST marked Idempotent is
// retried with the whole body each time; none outlives its Timeout.
func TestBrokenAnswersOnTheWire(t *testing.T) {
	const head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
	faults := map[string]func(c net.Conn, w *bufio.Writer) bool{
		"reset mid-headers": func(c net.Conn, w *bufio.Writer) bool {
			writeRaw(w, "HTTP/1.1 200 OK\r\nContent-Ty")
			resetConn(c)
			return false
		},
		"reset mid-body": func(c net.Conn, w *bufio.Writer) bool {
			writeRaw(w, head+"Content-Length: 20\r\n\r\n{\"a\":")
			time.Sleep(5 * time.Millisecond)
			resetConn(c)
			return false
		},
		"Content-Length longer than the body": func(c net.Conn, w *bufio.Writer) bool {
			writeRaw(w, head+"Content-Length: 20\r\n\r\n{\"a\":1}")
			return false
		},
		"chunked body cut": func(c net.Conn, w *bufio.Writer) bool {
			writeRaw(w, head+"Transfer-Encoding: chunked\r\n\r\n7\r\n{\"a\":1}\r\n")
			return false
		},
		"bad chunk size": func(c net.Conn, w *bufio.Writer) bool {
			writeRaw(w, head+"Transfer-Encoding: chunked\r\n\r\nzz\r\n{\"a\":1}\r\n0\r\n\r\n")
			return false
		},
		"half-closed before an answer": func(c net.Conn, w *bufio.Writer) bool {
			c.(*net.TCPConn).CloseWrite()
			time.Sleep(50 * time.Millisecond)
			return false
		},
		"stalled after the headers": func(c net.Conn, w *bufio.Writer) bool {
			writeRaw(w, head+"Content-Length: 7\r\n\r\n")
			time.Sleep(300 * time.Millisecond)
			return false
		},
	}
	payload := bytes.Repeat([]byte("0123456789"), 3000)
	const attemptTimeout = 100 * time.Millisecond
	for name, fault := range faults {
		for _, tc := range []struct {
			method     string
			idempotent bool
			attempts   int
		}{{"GET", false, 3}, {"POST", false, 1}, {"POST", true, 3}} {
			srv := newConnServer(t, fault)
			opt := client.Option{URL: srv.URL + "/x", Method: tc.method, Idempotent: tc.idempotent, Timeout: attemptTimeout}
			if tc.method == "POST" {
				opt.Data = payload
			}
			start := time.Now()
			resp, err := fastClient().Request(context.Background(), opt)
			took := time.Since(start)
			what := name + ": " + tc.method
			if tc.idempotent {
				what += " (Idempotent)"
			}
			if err == nil || resp.Attempts != tc.attempts || errors.Is(err, retry.ErrExhausted) != (tc.attempts > 1) {
				t.Errorf("%s: %d attempts, err %v; want %d and an error", what, resp.Attempts, err, tc.attempts)
			}
			if name == "stalled after the headers" && !errors.Is(err, timeout.ErrExceeded) {
				t.Errorf("%s: err %v, want timeout.ErrExceeded", what, err)
			}
			if limit := time.Duration(tc.attempts)*attemptTimeout + 200*time.Millisecond; took > limit {
				t.Errorf("%s: took %v, more than %v", what, took, limit)
			}
			bodies := srv.Bodies()
			if len(bodies) != tc.attempts {
				t.Errorf("%s: the server got %d requests, want %d", what, len(bodies), tc.attempts)
			}
			for i, b := range bodies {
				if tc.method == "POST" && !bytes.Equal(b, payload) {
					t.Errorf("%s: attempt %d carried %d bytes, want the whole %d", what, i+1, len(b), len(payload))
				}
			}
		}
	}
}

// A POST whose primary reset the connection after reading it stays on the
// primary (backup.NotFailedOverError); one marked Idempotent fails over,
// the backup getting the whole body.
func TestBrokenAnswerPOSTFailover(t *testing.T) {
	primary := newConnServer(t, func(c net.Conn, w *bufio.Writer) bool { resetConn(c); return false })
	second := newConnServer(t, func(c net.Conn, w *bufio.Writer) bool {
		writeRaw(w, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
		return true
	})
	payload := bytes.Repeat([]byte("p"), 50000)
	for _, idempotent := range []bool{false, true} {
		before := len(second.Bodies())
		resp, err := fastClient().Request(context.Background(), client.Option{URL: primary.URL + "/x", Method: "POST",
			Data: payload, Idempotent: idempotent, Backup: []string{second.URL + "/y"}, Mode: client.ModeCORS})
		got := second.Bodies()[before:]
		var nf *backup.NotFailedOverError
		switch {
		case !idempotent && (!errors.As(err, &nf) || len(got) != 0):
			t.Errorf("POST: err %v, backup got %d requests; want NotFailedOverError and none", err, len(got))
		case idempotent && (err != nil || resp.StatusCode != 200 || len(got) != 1 || !bytes.Equal(got[0], payload)):
			t.Errorf("Idempotent POST: err %v, status %d, backup got %d requests; want one with the whole body", err, resp.StatusCode, len(got))
		}
	}
}
