package transports

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/internal/layertest"
)

// answerServer answers every request with answer, on connections kept open.
func answerServer(t *testing.T, answer string) string {
	return layertest.KeptAnswers(t, func(*http.Request) string { return answer })
}

// getBody GETs url three times over one Default transport and fails the
// test unless each answer is want, whole and without error.
func getBody(t *testing.T, name, url, want string) {
	t.Helper()
	tr := Default()
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 5 * time.Second}
	for i := range 3 {
		resp, err := hc.Get(url)
		if err != nil {
			t.Errorf("%s, call %d: %v", name, i, err)
			continue
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || string(b) != want {
			t.Errorf("%s, call %d: got %q, %v; want %q", name, i, b, err, want)
		}
	}
}

// guardAnswer writes a GET through a guard over answer+after, reads it all
// in reads of size, and fails the test unless it hands on answer alone.
func guardAnswer(t *testing.T, name, answer, after string, size int) {
	t.Helper()
	sc := &scriptConn{reads: []string{answer + after}}
	g := &strayGuard{Conn: sc}
	if _, err := g.Write([]byte("GET /a HTTP/1.1\r\nHost: x\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	got, err := readAll(g, size)
	if got != answer || !errors.Is(err, ErrStrayBytes) || !sc.closed {
		t.Errorf("%s, reads of %d: got %q, %v; want the answer alone, then ErrStrayBytes", name, size, got, err)
	}
}

// net/http ends a header line at a bare LF as at a CRLF (RFC 9112 lets it).
// The guard took LF-ended lines as part of the line before: a
// Transfer-Encoding on one was unseen, a good chunked answer cut after
// Content-Length bytes; a header of LF lines alone was never seen to end.
func TestStrayGuardEndsHeaderLinesAtABareLF(t *testing.T) {
	const chunked = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX: y\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
	getBody(t, "Transfer-Encoding on an LF-ended line", answerServer(t, chunked), "hello")
	getBody(t, "header of LF-ended lines", answerServer(t, "HTTP/1.1 200 OK\nContent-Length: 5\n\nhello"), "hello")
	const stray = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecret"
	for _, size := range []int{1, 2, 4096} {
		guardAnswer(t, "Transfer-Encoding on an LF-ended line", chunked, stray, size)
		guardAnswer(t, "LF-ended lines", "HTTP/1.1 200 OK\nContent-Length: 5\n\nhello", stray, size)
		guardAnswer(t, "LF then CRLF", "HTTP/1.1 200 OK\nContent-Length: 5\n\r\nhello", stray, size)
	}
}

// net/http ignores Transfer-Encoding in an HTTP/1.0 answer (golang/go#12785):
// its body is framed by Content-Length, or runs to the close. The guard
// followed it as chunked and cut a good body after a "0" chunk's end.
func TestStrayGuardIgnoresTransferEncodingOfHTTP10(t *testing.T) {
	const answer = "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\nContent-Length: 8\r\n\r\n0\r\n\r\nXYZ"
	getBody(t, "HTTP/1.0 with both", answerServer(t, answer), "0\r\n\r\nXYZ")
	for _, size := range []int{1, 4096} {
		guardAnswer(t, "HTTP/1.0 with both", answer, "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecret", size)
	}
}

// An answer net/http takes whole, with a field folded over two lines
// (obs-fold) or spaces before its status code, turned the guard off: bytes
// past its end went by. The guard follows them now.
func TestStrayGuardFollowsFoldedFieldsAndSpacedStatus(t *testing.T) {
	const stray = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecret"
	for _, c := range []struct{ name, answer, body string }{
		{"folded field", "HTTP/1.1 200 OK\r\nX-A: b\r\n c\r\nContent-Length: 5\r\n\r\nhello", "hello"},
		{"folded field with a tab", "HTTP/1.1 200 OK\r\nX-A: b\r\n\tc\r\nContent-Length: 5\r\n\r\nhello", "hello"},
		{"spaces before the status code", "HTTP/1.1   200 OK\r\nContent-Length: 5\r\n\r\nhello", "hello"},
		{"a status code alone", "HTTP/1.1 204\r\n\r\n", ""},
	} {
		getBody(t, c.name, answerServer(t, c.answer), c.body)
		for _, size := range []int{1, 4096} {
			guardAnswer(t, c.name, c.answer, stray, size)
		}
	}
	// A folded Content-Length (net/http joins the lines) the guard does
	// not read: it stops watching, as it did.
	sc := &scriptConn{reads: []string{"HTTP/1.1 200 OK\r\nContent-Length:\r\n 5\r\n\r\nhello" + stray}}
	g := &strayGuard{Conn: sc}
	_, _ = g.Write([]byte("GET / HTTP/1.1\r\n\r\n"))
	if got, _ := readAll(g, 4096); got != "HTTP/1.1 200 OK\r\nContent-Length:\r\n 5\r\n\r\nhello"+stray {
		t.Errorf("folded Content-Length: got %q, want every byte", got)
	}
}

// A header split across reads is copied to be read whole; the guard kept
// that buffer, up to its 1 MiB bound, for as long as the connection lived:
// a server sending large headers held that much per idle connection (256
// of them in Default's pool). It keeps a small one only.
func TestStrayGuardKeepsNoLargeBufferOnceAHeaderIsRead(t *testing.T) {
	answer := "HTTP/1.1 200 OK\r\nX: " + strings.Repeat("a", 100<<10) + "\r\nContent-Length: 2\r\n\r\nok"
	sc := &scriptConn{reads: []string{answer}}
	g := &strayGuard{Conn: sc}
	_, _ = g.Write([]byte("GET / HTTP/1.1\r\n\r\n"))
	if got, err := readAll(g, 4096); got != answer || err != io.EOF {
		t.Fatalf("got %d bytes, %v", len(got), err)
	}
	if c := cap(g.head); c > maxKeptHead {
		t.Errorf("the guard keeps a buffer of %d bytes once the header is read; want at most %d", c, maxKeptHead)
	}
}
