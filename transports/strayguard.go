package transports

import (
	"bytes"
	"context"
	"errors"
	"net"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/taroreq/taroreq/internal/credential"
)

// ErrStrayBytes is what a connection Default's transports dialed says once
// its server sent bytes past the end of an answer: the connection is closed
// and nothing more is read from it or written to it. net/http then closes
// it quietly, or sends the request it was taking it for on another.
var ErrStrayBytes = errors.New("transports: the server sent bytes past the end of its answer; connection closed")

// guardDial wraps the connections dial makes in a strayGuard.
func guardDial(dial func(ctx context.Context, network, addr string) (net.Conn, error)) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &strayGuard{Conn: c}, nil
	}
}

// strayGuard is a connection of Default's transports that keeps the bytes a
// server sends past the end of its answer (a body longer than its
// Content-Length, a body after a 204, a 304 or a HEAD's answer, anything
// after a chunked body's end) from becoming the answer to the next request
// on the connection, another caller's maybe. net/http puts an HTTP/1
// connection back idle as soon as an answer's body is read, before it looks
// for more bytes (golang/go#68653): the next request could read them as its
// own answer. The guard follows each exchange as it goes by (the request's
// method from its first line, the answer's status and framing from its
// header) and hands net/http the answer's bytes alone; bytes past its end
// close the connection, and so do bytes that come where the next answer
// should begin on a connection that answered before and do not begin as an
// answer does (an earlier answer's, come late). What it cannot follow (TLS, whose plain bytes it
// does not see: https over HTTP/1 is not watched yet; a CONNECT tunnel, an
// upgrade, HTTP/2, a body that ends when the connection does, anything it
// does not parse) it stops watching: it never withholds a byte it is not
// sure of. Safe for net/http's one reader and one writer at a time.
type strayGuard struct {
	net.Conn
	mu     sync.Mutex
	state  guardState
	method string // of the request being answered
	head   []byte // the answer's header so far, or a chunk's size line
	left   int64  // bytes of the body, or of the chunk and its CRLF, still to come
	unsent int64  // bytes of the request's body still to be written, when known
	reused bool   // an exchange has ended on the connection before this one
	stray  bool
	// watch is called each time bytes are read (see WatchReads).
	watch atomic.Pointer[func()]
}

// WatchReads makes fn called, on the reading goroutine, each time bytes
// arrive on the connection, in place of the function set before, until the
// function it returns is called (more than once is fine; it removes fn
// alone). A streamed attempt's idle timeout (middleware/timeout) uses it:
// one Read of an HTTP/1 chunked body may wait for a whole chunk while its
// bytes come, and each of them tells that the server has not stalled.
func (g *strayGuard) WatchReads(fn func()) (stop func()) {
	p := &fn
	g.watch.Store(p)
	return func() { g.watch.CompareAndSwap(p, nil) }
}

type guardState uint8

const (
	guardIdle    guardState = iota // no request in flight: any byte read is stray
	guardHeader                    // reading an answer's header
	guardBody                      // reading left bytes of a body of known length
	guardChunk                     // reading a chunk's size line (head)
	guardData                      // reading left bytes of a chunk's data and CRLF
	guardTrailer                   // reading a chunked body's trailer (head)
	guardOff                       // not watched: every byte passes
)

// maxGuardHead bounds the header bytes the guard keeps; past it (beyond
// what Default's transports accept) it stops watching.
const maxGuardHead = MaxResponseHeaderBytes + 4096

// maxKeptHead bounds the buffer the guard keeps between heads: a larger
// one, grown for a large header, is let go, not held by an idle connection.
const maxKeptHead = 4096

func (g *strayGuard) Write(p []byte) (int, error) {
	g.mu.Lock()
	if g.stray {
		g.mu.Unlock()
		return 0, ErrStrayBytes // nothing written: net/http sends it on another connection
	}
	switch {
	case g.unsent > 0:
		// The request's body, which may follow its answer (a 401 to an
		// Expect: 100-continue, an early answer to an upload).
		g.unsent -= min(int64(len(p)), g.unsent)
	case g.state == guardIdle && len(p) > 0:
		g.startRequest(p)
	}
	g.mu.Unlock()
	return g.Conn.Write(p)
}

// startRequest takes the method of the request whose first bytes are p; a
// first write that is not an HTTP/1 request line (a TLS ClientHello, the
// HTTP/2 preface) turns the guard off.
func (g *strayGuard) startRequest(p []byte) {
	sp := bytes.IndexByte(p, ' ')
	if sp <= 0 || sp > 32 || !credential.IsToken(string(p[:sp])) || bytes.HasPrefix(p, []byte("PRI * HTTP/2")) {
		g.state = guardOff
		return
	}
	g.reused = g.method != "" // a request starts at idle: one before it was answered
	g.method, g.state, g.head = methodOf(p[:sp]), guardHeader, g.head[:0]
	g.unsent = bodyUnsent(p)
}

// methodOf is m as a string, without an allocation for the methods the
// guard tells apart (the others only need to be none of them).
func methodOf(m []byte) string {
	for _, known := range [...]string{"GET", "POST", "HEAD", "CONNECT"} {
		if string(m) == known {
			return known
		}
	}
	return string(m)
}

// bodyUnsent returns how many bytes of its body a request whose first write
// is p has still to write, by its Content-Length, when p holds its whole
// header; else 0 (a chunked body, a header written in parts), the next
// write at idle then taken for the next request, as before.
func bodyUnsent(p []byte) int64 {
	end := bytes.Index(p, []byte("\r\n\r\n"))
	if end < 0 {
		return 0
	}
	_, fields, _ := bytes.Cut(p[:end], []byte("\r\n")) // after the request line
	for line := range bytes.SplitSeq(fields, []byte("\r\n")) {
		name, value, _ := bytes.Cut(line, []byte(":"))
		if bytes.EqualFold(name, []byte("Content-Length")) {
			n, err := strconv.ParseInt(string(bytes.TrimSpace(value)), 10, 64)
			if err != nil {
				return 0
			}
			return max(0, n-int64(len(p)-end-4))
		}
	}
	return 0
}

func (g *strayGuard) Read(p []byte) (int, error) {
	g.mu.Lock()
	stray := g.stray
	g.mu.Unlock()
	if stray {
		return 0, ErrStrayBytes
	}
	n, err := g.Conn.Read(p)
	if n == 0 {
		return n, err
	}
	if fn := g.watch.Load(); fn != nil {
		(*fn)()
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.state == guardOff {
		return n, err
	}
	end := g.follow(p[:n])
	if end == n {
		return n, err
	}
	// Bytes past the answer's end: net/http gets the answer's, the
	// connection none more.
	g.stray = true
	g.Conn.Close()
	if end == 0 {
		return 0, ErrStrayBytes
	}
	return end, nil
}

// follow advances the guard over b, bytes the server sent, and returns how
// many of them belong to the answers of the requests written: len(b), or
// where the stray bytes begin.
func (g *strayGuard) follow(b []byte) int {
	i := 0
	for i < len(b) {
		switch g.state {
		case guardOff:
			return len(b)
		case guardIdle:
			return i
		case guardBody, guardData:
			k := int64(len(b) - i)
			if k > g.left {
				k = g.left
			}
			g.left -= k
			i += int(k)
			if g.left == 0 {
				if g.state == guardBody {
					g.state = guardIdle
				} else {
					g.state, g.head = guardChunk, g.head[:0]
				}
			}
		default: // a header, a chunk's size line or a trailer: up to its end
			if g.state == guardHeader && g.reused && !mayStartAnswer(g.head, b[i:]) {
				// Not the start of an answer: the late bytes of an earlier
				// one's (a body sent after a HEAD's answer, a moment
				// later), which net/http would otherwise fail this request
				// with, quoted in its error ("malformed HTTP response
				// \"{\"secret\":…"), another caller's maybe. Withheld, the
				// first byte unread, net/http sends a GET again on
				// another connection.
				return i
			}
			i = g.readHead(b, i)
		}
	}
	return i
}

// readHead reads b[i:] up to the end of the head being read (an answer's
// header, a chunk's size line, a trailer), acts on a complete one, and
// returns where it stopped in b. Only a head split across reads is copied.
func (g *strayGuard) readHead(b []byte, i int) int {
	var head []byte
	used := 0 // of b[i:]
	if len(g.head) == 0 {
		end := g.headEnd(b[i:])
		if end < 0 {
			g.keepHead(b[i:])
			return len(b)
		}
		used = end
		head = b[i : i+used]
	} else {
		// The longest end, LF CR LF, may have begun in the last two bytes kept.
		from, kept := max(0, len(g.head)-2), len(g.head)
		g.head = append(g.head, b[i:]...)
		end := g.headEnd(g.head[from:])
		if end < 0 {
			g.keepHead(nil)
			return len(b)
		}
		head = g.head[:from+end]
		used = len(head) - kept
	}
	switch g.state {
	case guardHeader:
		g.answerHeader(head)
	case guardChunk:
		g.chunkSize(head)
	case guardTrailer:
		g.state = guardIdle // the trailer's empty line ends the body
	}
	g.head = g.head[:0]
	if cap(g.head) > maxKeptHead {
		g.head = nil
	}
	if g.state == guardTrailer {
		// The size line's CRLF, so that a trailer of no field, a lone
		// CRLF, ends with the empty line any other ends with.
		g.head = append(g.head, "\r\n"...)
	}
	return i + used
}

// headEnd returns where the head b starts with ends (just past it), or -1.
// A chunk's size line ends at its CRLF (net/http takes no bare LF there); a
// header or a trailer at its first empty line, its lines ending at an LF, a
// CR before it dropped, as net/http reads them.
func (g *strayGuard) headEnd(b []byte) int {
	if g.state == guardChunk {
		if at := bytes.Index(b, []byte("\r\n")); at >= 0 {
			return at + 2
		}
		return -1
	}
	for i := 0; ; {
		at := bytes.IndexByte(b[i:], '\n')
		if at < 0 {
			return -1
		}
		i += at + 1
		if i < len(b) && b[i] == '\n' {
			return i + 1
		}
		if i+1 < len(b) && b[i] == '\r' && b[i+1] == '\n' {
			return i + 2
		}
	}
}

// keepHead keeps b, the start of a head, for the next read; a head past
// maxGuardHead turns the guard off.
func (g *strayGuard) keepHead(b []byte) {
	g.head = append(g.head, b...)
	if len(g.head) > maxGuardHead {
		g.state, g.head = guardOff, nil
	}
}
