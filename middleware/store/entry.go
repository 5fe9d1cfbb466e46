package store

import (
	"encoding/binary"
	"fmt"
	"net/http"
	"sort"
	"time"

	"github.com/taroreq/taroreq/internal/httpstatus"
	"github.com/taroreq/taroreq/middleware"
)

// Entry is one stored response: what a request got back, as bytes. An Entry
// from a Store's Get is the caller's own: no other reader shares its maps
// or slices. View and ViewBody (Viewer, BodyViewer) share them, read-only.
// An Entry is a plain value: safe to read from several goroutines while
// nobody writes it, and a shared one is never written.
type Entry struct {
	StatusCode int         // the response's status
	Header     http.Header // the response's header, as the layer wrote it (without Set-Cookie)
	Body       []byte      // the whole body, as received (a JSONP call's: its payload)
	URL        string      // the URL that answered (a backup's, maybe)
	StoredAt   time.Time   // when it was written
}

// entryVersion starts every encoded entry, so a foreign value is refused.
const entryVersion = 1

// MarshalBinary encodes e compactly: a version byte, then varints and
// length-prefixed strings. Header keys are written in sorted order so equal
// entries encode to equal bytes.
func (e Entry) MarshalBinary() ([]byte, error) {
	n := 16 + len(e.URL) + len(e.Body)
	var few [16]string // the usual header: its keys sorted on the stack
	keys := few[:0]
	for k, vs := range e.Header {
		keys = append(keys, k)
		n += len(k) + 4
		for _, v := range vs {
			n += len(v) + 2
		}
	}
	sort.Strings(keys)
	b := make([]byte, 0, n)
	b = append(b, entryVersion)
	b = binary.AppendUvarint(b, uint64(e.StatusCode))
	b = binary.AppendVarint(b, e.StoredAt.UnixNano())
	b = appendString(b, e.URL)
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = appendString(b, k)
		b = binary.AppendUvarint(b, uint64(len(e.Header[k])))
		for _, v := range e.Header[k] {
			b = appendString(b, v)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(e.Body)))
	return append(b, e.Body...), nil
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// UnmarshalBinary decodes what MarshalBinary wrote. Anything else gives an
// error matching ErrCorrupt, never a panic. The body aliases data; the
// strings share one copy of the rest, so a decode costs four allocations
// whatever the number of headers.
func (e *Entry) UnmarshalBinary(data []byte) error {
	// Pass 1 checks the structure and counts; pass 2 cuts the strings from
	// a single string conversion of everything before the body.
	nkeys, nvals, bodyAt, err := scan(data)
	if err != nil {
		return err
	}
	text := string(data[:bodyAt])
	d := decoder{b: data}
	str := func(b []byte) string {
		off := len(data) - len(d.b) - len(b)
		return text[off : off+len(b)]
	}
	d.byte()
	status := d.uvarint()
	stored := d.varint()
	u := str(d.bytes())
	d.count()
	var h http.Header
	if nkeys > 0 {
		h = make(http.Header, nkeys)
	}
	vals := make([]string, 0, nvals)
	for i := 0; i < nkeys; i++ {
		k := str(d.bytes())
		nv := d.count()
		start := len(vals)
		for j := 0; j < nv; j++ {
			vals = append(vals, str(d.bytes()))
		}
		h[k] = vals[start:len(vals):len(vals)]
	}
	*e = Entry{StatusCode: int(status), Header: h, Body: d.bytes(), URL: u, StoredAt: time.Unix(0, stored)}
	return nil
}

// scan validates an encoded entry and returns its header counts and where
// its body starts.
func scan(data []byte) (nkeys, nvals, bodyAt int, err error) {
	d := decoder{b: data}
	if d.byte() != entryVersion {
		return 0, 0, 0, fmt.Errorf("%w: unknown version", ErrCorrupt)
	}
	status := d.uvarint()
	d.varint()
	d.bytes()
	nkeys = d.count()
	for i := 0; i < nkeys && d.err == nil; i++ {
		d.bytes()
		nv := d.count()
		nvals += nv
		for j := 0; j < nv && d.err == nil; j++ {
			d.bytes()
		}
	}
	bodyAt = len(data) - len(d.b)
	d.bytes()
	switch {
	case d.err != nil:
		return 0, 0, 0, d.err
	case len(d.b) != 0:
		return 0, 0, 0, fmt.Errorf("%w: %d trailing bytes", ErrCorrupt, len(d.b))
	case status > 999:
		return 0, 0, 0, fmt.Errorf("%w: status %d", ErrCorrupt, status)
	}
	return nkeys, nvals, bodyAt, nil
}

// encodedBody returns the body of an encoded entry, a part of data, without
// decoding the rest.
func encodedBody(data []byte) ([]byte, error) {
	_, _, bodyAt, err := scan(data)
	if err != nil {
		return nil, err
	}
	d := decoder{b: data[bodyAt:]}
	return d.bytes(), nil
}

// Response returns e as a response to req, its body buffered so the layers
// above can take the bytes without copying.
func (e Entry) Response(req *http.Request) *http.Response {
	h := e.Header
	if h == nil {
		h = http.Header{}
	}
	// The response and its body in one allocation.
	r := new(struct {
		resp http.Response
		body middleware.BufferedBody
	})
	r.body.Reset(e.Body)
	r.resp = http.Response{
		Status:     statusLine(e.StatusCode),
		StatusCode: e.StatusCode, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Body: &r.body, ContentLength: int64(len(e.Body)),
		Request: req,
	}
	return &r.resp
}

func statusLine(code int) string {
	if code == http.StatusOK {
		return "200 OK"
	}
	return httpstatus.Line(code)
}

// decoder reads the encoding with bounds checks; the first error sticks.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: truncated %s", ErrCorrupt, what)
	}
	d.b = nil
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.fail("version")
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail("number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a length that must fit in what is left (each item takes at
// least one byte), so a forged count cannot make us allocate much.
func (d *decoder) count() int {
	v := d.uvarint()
	if v > uint64(len(d.b)) {
		d.fail("count")
		return 0
	}
	return int(v)
}

func (d *decoder) bytes() []byte {
	n := d.count()
	if d.err != nil {
		return nil
	}
	b := d.b[:n:n]
	d.b = d.b[n:]
	return b
}

func (d *decoder) string() string { return string(d.bytes()) }
