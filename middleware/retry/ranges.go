package retry

import (
	"errors"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/taroreq/taroreq/middleware"
)

// validators returns the If-Range value that lets resp's body be resumed
// ("" when it cannot be) and its strong ETag, if any. An event stream is
// never resumed by bytes, whatever validator it carries: it is live, so
// the bytes past an offset on another connection are not the rest of this
// one (they would splice a later event into a cut one); it resumes by
// Last-Event-ID, a reconnection of the caller's (client.Events).
func validators(req *http.Request, resp *http.Response) (ifRange, etag string) {
	if req.Method != http.MethodGet || req.Header.Get("Range") != "" || resp.StatusCode != http.StatusOK ||
		resp.Uncompressed || strings.EqualFold(resp.Header.Get("Accept-Ranges"), "none") ||
		middleware.IsEventStream(resp.Header.Get("Content-Type")) {
		return "", ""
	}
	if et := strongETag(resp.Header); et != "" {
		return et, et
	}
	// A date only for an answer that names no entity-tag: RFC 9110
	// §13.1.5 forbids it in If-Range beside one, and under a weak or
	// malformed tag the server may serve other bytes of the same date
	// (another coding, another rendering), which a range would splice in.
	if lm := resp.Header.Get("Last-Modified"); etagField(resp.Header) == "" && middleware.StrongDate(lm, resp.Header.Get("Date")) {
		return lm, ""
	}
	return "", ""
}

// strongETag is h's ETag when it is one field line holding one strong
// entity-tag (middleware.StrongETag), else "": two lines or a list
// validate none.
func strongETag(h http.Header) string {
	if v := h.Values("ETag"); len(v) == 1 && middleware.StrongETag(v[0]) {
		return v[0]
	}
	return ""
}

// etagField is h's ETag as sent, whatever its form ("" for none, or an
// empty field).
func etagField(h http.Header) string {
	return strings.Join(h.Values("ETag"), ", ")
}

// errPastRange breaks a resumed stream whose 206 sends more than its
// Content-Range: what follows is resumed by another Range request.
var errPastRange = errors.New("a 206 body runs past its Content-Range")

// rangeBody is a 206's body cut to the bytes of its Content-Range (or a
// 200's to the representation's length). Past them it ends: io.EOF where
// the body ends too, errPastRange where the server sends more, bytes with
// no stated place that are never delivered.
type rangeBody struct {
	io.ReadCloser
	left int64
}

func (r *rangeBody) Read(p []byte) (int, error) {
	if r.left <= 0 {
		var one [1]byte
		if n, err := io.ReadAtLeast(r.ReadCloser, one[:], 1); n == 0 {
			return 0, err
		}
		return 0, errPastRange
	}
	if int64(len(p)) > r.left {
		p = p[:r.left]
	}
	n, err := r.ReadCloser.Read(p)
	r.left -= int64(n)
	return n, err
}

// contentRange parses "bytes first-last/complete"; complete is -1 for "*".
func contentRange(cr string) (first, last, complete int64, ok bool) {
	rest, ok := strings.CutPrefix(cr, "bytes ")
	if !ok {
		return 0, 0, 0, false
	}
	span, size, ok := strings.Cut(rest, "/")
	if !ok {
		return 0, 0, 0, false
	}
	a, z, ok := strings.Cut(span, "-")
	if !ok {
		return 0, 0, 0, false
	}
	first, err1 := strconv.ParseInt(strings.TrimSpace(a), 10, 64)
	last, err2 := strconv.ParseInt(strings.TrimSpace(z), 10, 64)
	if err1 != nil || err2 != nil || first < 0 || last < first || last == math.MaxInt64 {
		return 0, 0, 0, false // (ending at MaxInt64, its span last-first+1 would overflow)
	}
	complete = -1
	if size = strings.TrimSpace(size); size != "*" {
		n, err := strconv.ParseInt(size, 10, 64)
		if err != nil || n <= last {
			return 0, 0, 0, false
		}
		complete = n
	}
	return first, last, complete, true
}
