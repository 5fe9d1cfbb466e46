package transports

import (
	"bytes"
	"strconv"
)

// What the stray guard reads of an answer's header and of a chunked body's
// size lines: the framing net/http follows, read as it reads it.

// mayStartAnswer reports whether head, the start of an answer's header
// read so far, followed by b, may begin as every answer does: "HTTP/".
func mayStartAnswer(head, b []byte) bool {
	const start = "HTTP/"
	n := 0
	for _, part := range [2][]byte{head, b} {
		for _, c := range part {
			if n == len(start) {
				return true
			}
			if c != start[n] {
				return false
			}
			n++
		}
	}
	return true
}

// answerHeader sets the framing of the body an answer's header announces.
func (g *strayGuard) answerHeader(head []byte) {
	status, fields, _ := bytes.Cut(bytes.TrimRight(head, "\r\n"), []byte("\n"))
	code, http10, ok := statusCode(bytes.TrimSuffix(status, []byte("\r")))
	if !ok {
		g.state = guardOff
		return
	}
	length, chunked, ok := framing(fields, http10)
	switch {
	case !ok || code == 101 || g.method == "CONNECT" && code/100 == 2:
		g.state = guardOff // not parsed, or the connection becomes another protocol's
	case code >= 100 && code < 200:
		g.state = guardHeader // an interim answer: the final one follows
	case g.method == "HEAD" || code == 204 || code == 304:
		g.state = guardIdle
	case chunked:
		g.state = guardChunk
	case length < 0:
		g.state = guardOff // ends when the connection does: nothing can follow it
	case length == 0:
		g.state = guardIdle
	default:
		g.state, g.left = guardBody, length
	}
}

// statusCode reads an answer's status line as net/http does: "HTTP/1.x",
// a space, the three digits of its code after any more spaces.
func statusCode(line []byte) (code int, http10, ok bool) {
	proto, rest, found := bytes.Cut(line, []byte(" "))
	if !found || len(proto) != 8 || !bytes.HasPrefix(proto, []byte("HTTP/1.")) {
		return 0, false, false
	}
	digits, _, _ := bytes.Cut(bytes.TrimLeft(rest, " "), []byte(" "))
	code, err := strconv.Atoi(string(digits))
	if len(digits) != 3 || err != nil || code < 0 {
		return 0, false, false
	}
	return code, proto[7] == '0', true
}

// framing reads the body's length (-1: none given) or chunked coding from
// the field lines of an answer's header (after its status line); ok is
// false for anything net/http might read otherwise (two lengths, another
// coding, a folded length or coding). An HTTP/1.0 answer's
// Transfer-Encoding net/http ignores (golang/go#12785), so does it.
func framing(fields []byte, http10 bool) (length int64, chunked, ok bool) {
	length = -1
	if len(fields) == 0 {
		return length, false, true
	}
	folds := false // whether a folded line would continue a framing field
	for f := range bytes.SplitSeq(fields, []byte("\n")) {
		f = bytes.TrimSuffix(f, []byte("\r")) // a line ends at LF, a CR before it dropped
		if len(f) > 0 && (f[0] == ' ' || f[0] == '\t') {
			// obs-fold: net/http joins it to the field before.
			if folds {
				return 0, false, false
			}
			continue
		}
		name, value, found := bytes.Cut(f, []byte(":"))
		if !found || len(name) == 0 {
			return 0, false, false
		}
		value = bytes.TrimSpace(value)
		folds = false
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			n, err := strconv.ParseInt(string(value), 10, 64)
			if err != nil || n < 0 || length >= 0 && n != length {
				return 0, false, false
			}
			length, folds = n, true
		case bytes.EqualFold(name, []byte("Transfer-Encoding")) && !http10:
			if chunked || !bytes.EqualFold(value, []byte("chunked")) {
				return 0, false, false
			}
			chunked, folds = true, true
		}
	}
	if chunked {
		length = -1
	}
	return length, chunked, true
}

// chunkSize reads a chunk's size line: data and its CRLF follow, or for
// size 0 the trailer.
func (g *strayGuard) chunkSize(line []byte) {
	hex, _, _ := bytes.Cut(line[:len(line)-2], []byte(";"))
	n, err := strconv.ParseInt(string(bytes.TrimSpace(hex)), 16, 64)
	switch {
	case err != nil || n < 0 || n > 1<<40:
		g.state = guardOff
	case n == 0:
		g.state = guardTrailer // header lines, then an empty one, which may be all
	default:
		g.state, g.left = guardData, n+2
	}
}
