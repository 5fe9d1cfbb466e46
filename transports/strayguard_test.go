package transports

import (
	"bytes"
	"errors"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// scriptConn answers each Read with the next of its chunks and records
// what is written.
type scriptConn struct {
	net.Conn
	reads  []string
	wrote  bytes.Buffer
	closed bool
}

func (c *scriptConn) Read(p []byte) (int, error) {
	if len(c.reads) == 0 {
		return 0, io.EOF
	}
	n := copy(p, c.reads[0])
	if c.reads[0] = c.reads[0][n:]; c.reads[0] == "" {
		c.reads = c.reads[1:]
	}
	return n, nil
}
func (c *scriptConn) Write(p []byte) (int, error) { return c.wrote.Write(p) }
func (c *scriptConn) Close() error                { c.closed = true; return nil }
func (c *scriptConn) SetDeadline(time.Time) error { return nil }

// readAll reads g until an error, in reads of size n.
func readAll(g *strayGuard, n int) (string, error) {
	var got strings.Builder
	buf := make([]byte, n)
	for {
		k, err := g.Read(buf)
		got.Write(buf[:k])
		if err != nil {
			return got.String(), err
		}
	}
}

// Each exchange's bytes pass whole, in any split; the bytes past an
// answer's end never do, and the connection then takes no request.
func TestStrayGuardHandsOnTheAnswerAlone(t *testing.T) {
	const stray = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecret"
	for _, c := range []struct {
		name, method, answer, after string
	}{
		{"length", "GET", "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{\"a\":1}", stray},
		{"length, lower-case names", "GET", "HTTP/1.1 200 OK\r\ncontent-length:  7 \r\nX: y\r\n\r\n{\"a\":1}", stray},
		{"chunked", "GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=1\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n", stray},
		{"chunked with a trailer", "GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: T\r\n\r\n1\r\na\r\n0\r\nT: v\r\n\r\n", "x"},
		{"interim answers", "POST", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", stray},
		{"204 with a body", "GET", "HTTP/1.1 204 No Content\r\n\r\n", "{}"},
		{"304 with a body", "GET", "HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n", "hello"},
		{"HEAD with a body", "HEAD", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", "hello"},
		{"empty body", "GET", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "x"},
	} {
		for _, size := range []int{1, 3, 4096} {
			sc := &scriptConn{reads: []string{c.answer + c.after}}
			g := &strayGuard{Conn: sc}
			if _, err := g.Write([]byte(c.method + " /a HTTP/1.1\r\nHost: x\r\n\r\n")); err != nil {
				t.Fatal(err)
			}
			got, err := readAll(g, size)
			if got != c.answer || !errors.Is(err, ErrStrayBytes) || !sc.closed {
				t.Errorf("%s, reads of %d: got %q, %v, closed %v; want the answer alone, then ErrStrayBytes", c.name, size, got, err, sc.closed)
			}
			if n, err := g.Write([]byte("GET /b HTTP/1.1\r\n\r\n")); n != 0 || !errors.Is(err, ErrStrayBytes) {
				t.Errorf("%s: a request written after stray bytes: %d, %v", c.name, n, err)
			}
		}
	}
}

// Exchanges without stray bytes, one after another, pass untouched, and so
// does every byte of a connection the guard cannot follow.
func TestStrayGuardPassesWhatItCannotFollow(t *testing.T) {
	answer := "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"
	sc := &scriptConn{}
	g := &strayGuard{Conn: sc}
	for i, chunk := range []string{answer[:40], answer[40:]} {
		if _, err := g.Write([]byte("GET / HTTP/1.1\r\n\r\n")); err != nil {
			t.Fatal(err)
		}
		sc.reads = []string{chunk}
		_ = i
		buf := make([]byte, 4096)
		n, err := g.Read(buf)
		if err != nil || string(buf[:n]) != chunk {
			t.Fatalf("read %q, %v", buf[:n], err)
		}
	}
	for _, c := range []struct{ name, first, answer string }{
		{"TLS", "\x16\x03\x01\x02\x00\x01 GET", "\x17\x03\x03anything HTTP/1.1 200"},
		{"HTTP/2", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "\x00\x00\x00\x04\x00\x00\x00\x00\x00"},
		{"a tunnel", "CONNECT a:443 HTTP/1.1\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\n\x16\x03\x03 tls"},
		{"an upgrade", "GET /ws HTTP/1.1\r\n\r\n", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\nframes"},
		{"a body to the close", "GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\nall of it"},
		{"two lengths", "GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nabc"},
		{"gzip, chunked", "GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\nxyz"},
		{"HTTP/1.0 without a length", "GET / HTTP/1.0\r\n\r\n", "HTTP/1.0 200 OK\r\n\r\nbody"},
	} {
		sc := &scriptConn{reads: []string{c.answer}}
		g := &strayGuard{Conn: sc}
		if _, err := g.Write([]byte(c.first)); err != nil {
			t.Fatal(err)
		}
		got, err := readAll(g, 7)
		if got != c.answer || err != io.EOF || sc.closed {
			t.Errorf("%s: got %q, %v; want every byte, then the connection's io.EOF", c.name, got, err)
		}
	}
}
