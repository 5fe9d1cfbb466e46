package httpcache

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/store"
)

// answer answers req from an entry it may use: the caller's own
// If-None-Match / If-Modified-Since with a 304 when they match (RFC 9111
// §4.3.2; a HEAD's too), a HEAD with the entry's header fields, a single
// byte range of a stored 200 with a 206, anything else with the entry. ok is false when the
// request has to go to the origin instead (a range the cache cannot cut).
func (t *Transport) answer(req *http.Request, e store.Entry, st staleness) (*http.Response, bool) {
	if notModified(req.Header, e) {
		// A HEAD's too: its validators select the entry as a GET's do
		// (RFC 9110 §13.1.2), and the origin would answer it so.
		return t.notModified(req, e, st), true
	}
	if req.Method == http.MethodHead {
		n := len(e.Body)
		e.Body = nil // a HEAD answer has no body: nothing to copy
		resp := t.serve(req, e, st, false)
		resp.Body, resp.ContentLength = http.NoBody, int64(n)
		return resp, true
	}
	if r := field(req.Header, "Range"); r != "" {
		return t.serveRange(req, e, st, r)
	}
	return t.serve(req, e, st, false), true
}

// serve answers req with the entry, its Age set to its current age.
func (t *Transport) serve(req *http.Request, e store.Entry, st staleness, revalidated bool) *http.Response {
	resp := entryResponse(req, e, st.age, true)
	markFromCache(req, revalidated, nil)
	return resp
}

// entryResponse is e as a response to req, with its own header (the
// reserved fields left out; Age set to age when setAge) and its own copy
// of the body: e may be shared, and a caller may write what it gets.
func entryResponse(req *http.Request, e store.Entry, age time.Duration, setAge bool) *http.Response {
	n := 1
	for _, vs := range e.Header {
		n += len(vs)
	}
	h := make(http.Header, len(e.Header)+1)
	vals := make([]string, 0, n)
	for k, vs := range e.Header {
		if reserved(k) || (setAge && k == "Age") {
			continue
		}
		start := len(vals)
		vals = append(vals, vs...)
		h[k] = vals[start:len(vals):len(vals)]
	}
	if setAge {
		vals = append(vals, itoaSeconds(age))
		h["Age"] = vals[len(vals)-1:]
	}
	e.Header = h
	if len(e.Body) > 0 {
		e.Body = append([]byte(nil), e.Body...)
	}
	return e.Response(req)
}

func markFromCache(req *http.Request, revalidated bool, cause error) {
	call := middleware.CallFrom(req.Context())
	if call == nil {
		middleware.PlainAnswerFrom(req.Context()).SetFromCache() // a plain request's: the store does not write it
		return
	}
	call.SetFromCache()
	name := middleware.EventCacheHit
	if revalidated {
		name = middleware.EventCacheRevalidated
	}
	call.AddEventURL(name, req.URL, cause)
}

// notModified reports whether the caller's own conditional matches the
// entry (RFC 9110 §13.1.2, §13.1.3): If-None-Match by weak comparison
// (and then If-Modified-Since is ignored), else If-Modified-Since against
// the entry's Last-Modified, or its Date without one.
func notModified(h http.Header, e store.Entry) bool {
	if e.StatusCode != http.StatusOK {
		return false
	}
	if inm := h.Values("If-None-Match"); len(inm) > 0 {
		etag := e.Header.Get("ETag")
		for _, line := range inm {
			for _, tag := range strings.Split(line, ",") {
				tag = strings.TrimSpace(tag)
				if tag == "*" || (etag != "" && strings.TrimPrefix(tag, "W/") == strings.TrimPrefix(etag, "W/")) {
					return true
				}
			}
		}
		return false
	}
	v := field(h, "If-Modified-Since")
	if v == "" {
		return false
	}
	ims, err := http.ParseTime(v)
	if err != nil {
		return false
	}
	lm := e.Header.Get("Last-Modified")
	if lm == "" {
		lm = e.Header.Get("Date")
	}
	t, err := http.ParseTime(lm)
	return err == nil && !t.After(ims)
}

// notModifiedFields are what a 304 carries of the entry (RFC 9110
// §15.4.5), Age besides.
var notModifiedFields = []string{"Cache-Control", "Content-Location", "Date", "Etag", "Expires", "Last-Modified", "Vary"}

func (t *Transport) notModified(req *http.Request, e store.Entry, st staleness) *http.Response {
	h := make(http.Header, len(notModifiedFields)+1)
	for _, k := range notModifiedFields {
		if vs := e.Header[k]; len(vs) > 0 {
			h[k] = vs[:len(vs):len(vs)]
		}
	}
	h.Set("Age", itoaSeconds(st.age))
	markFromCache(req, false, nil)
	return store.Entry{StatusCode: http.StatusNotModified, Header: h}.Response(req)
}

// serveRange answers a single satisfiable byte range of a stored complete
// 200 with a 206 (RFC 9110 §14); multiple ranges, other units and ranges
// it cannot satisfy go to the origin.
func (t *Transport) serveRange(req *http.Request, e store.Entry, st staleness, spec string) (*http.Response, bool) {
	if e.StatusCode != http.StatusOK || e.Header.Get("Content-Range") != "" {
		return nil, false
	}
	first, last, ok := parseRange(spec, int64(len(e.Body)))
	if !ok {
		return nil, false
	}
	resp := entryResponse(req, store.Entry{StatusCode: http.StatusPartialContent, Header: e.Header,
		Body: e.Body[first : last+1], URL: e.URL, StoredAt: e.StoredAt}, st.age, true)
	resp.Header.Set("Content-Range", "bytes "+strconv.FormatInt(first, 10)+"-"+strconv.FormatInt(last, 10)+"/"+
		strconv.Itoa(len(e.Body)))
	resp.Header.Set("Content-Length", strconv.FormatInt(last-first+1, 10))
	markFromCache(req, false, nil)
	return resp, true
}

// parseRange reads "bytes=a-b", "bytes=a-" or "bytes=-n" against a body of
// size bytes, and returns the first and last byte positions.
func parseRange(spec string, size int64) (first, last int64, ok bool) {
	r, found := strings.CutPrefix(strings.TrimSpace(spec), "bytes=")
	if !found || strings.Contains(r, ",") || size == 0 {
		return 0, 0, false
	}
	a, b, found := strings.Cut(strings.TrimSpace(r), "-")
	if !found {
		return 0, 0, false
	}
	if a == "" { // suffix: the last b bytes
		n, err := strconv.ParseInt(b, 10, 64)
		if err != nil || n <= 0 {
			return 0, 0, false
		}
		return max(size-n, 0), size - 1, true
	}
	first, err := strconv.ParseInt(a, 10, 64)
	if err != nil || first < 0 || first >= size {
		return 0, 0, false
	}
	last = size - 1
	if b != "" {
		l, err := strconv.ParseInt(b, 10, 64)
		if err != nil || l < first {
			return 0, 0, false
		}
		last = min(l, size-1)
	}
	return first, last, true
}
