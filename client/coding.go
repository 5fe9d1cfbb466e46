package client

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"hash"
	"hash/adler32"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/taroreq/taroreq/middleware"
)

// maxCodings bounds the codings of one answer the client takes off, as
// undici (node's fetch, which Taro's H5 request runs on) bounds them, and
// fails an answer that names more: each one can multiply the bytes, and no
// server has a reason to stack more.
const maxCodings = 5

// decodedCodings returns resp with its body decoded when the origin coded it
// in gzip or deflate, or a list of them ("gzip, gzip", "deflate, gzip"),
// though the request named no coding of its own: fetch takes off every
// coding it knows, where net/http decodes only the lone gzip it asked for
// and handed Taro code the coded bytes of the rest (a deflate, a list, a
// gzip it did not ask for: a Range request's whole answer, a transport with
// DisableCompression). As net/http marks its gzip, the answer loses
// Content-Encoding and Content-Length and is Uncompressed (its bytes are not
// the origin's: no Range resumes them). A request with its own
// Accept-Encoding (identity), and a plain http.Client's, get the bytes as
// coded; so do a 206, whose part cannot be decoded alone, and a list with a
// coding the client does not decode (br, zstd: fetch decodes br, which the
// standard library has no decoder for; codedBodyError says so). "identity",
// no coding, is left out of the list (decodableCodings), where undici
// leaves a list naming it coded whole. An answer of more than maxCodings
// codings fails at its body's first read, as fetch fails it.
func decodedCodings(req *http.Request, resp *http.Response) *http.Response {
	// Content-Encoding first: almost every answer has none (net/http
	// took off the gzip it asked for), and this runs for each of them.
	ce := resp.Header["Content-Encoding"] // the canonical key: Values would canonicalize it again each time
	if len(ce) == 0 {
		return resp
	}
	codings, known := decodableCodings(ce)
	if !known || resp.Body == nil || resp.StatusCode == http.StatusPartialContent || middleware.Bodiless(req.Method, resp.StatusCode) ||
		len(middleware.FieldValues(req.Header, "Accept-Encoding")) > 0 {
		return resp
	}
	if call := middleware.CallFrom(req.Context()); call == nil || call.Settings.URL == nil {
		// A plain http.Client's request over Transport: it gets the answer
		// as the net/http transport it stands in for hands it, coded.
		return resp
	}
	r := new(http.Response)
	*r = *resp // the transport's may be a fake's, handed out again
	r.Header = resp.Header.Clone()
	r.Header.Del("Content-Encoding")
	r.Header.Del("Content-Length")
	r.ContentLength, r.Uncompressed = -1, true
	var body io.Reader = failedRead{errTooManyCodings{len(codings)}}
	if len(codings) <= maxCodings {
		body = resp.Body
		// The body's own end tells a cut connection from a coding that
		// ends short only when its length was told (a close-delimited
		// body's cut is an end too); a decoded coding's end is its own.
		delimited := resp.ContentLength >= 0 || len(resp.TransferEncoding) > 0 || resp.ProtoMajor >= 2
		for i := len(codings) - 1; i >= 0; i-- { // the last applied comes off first
			body = &decodingReader{coding: codings[i], coded: body, delimited: delimited}
			delimited = true
		}
	}
	r.Body = decodedBody{Reader: body, coded: resp.Body}
	return r
}

// decodableCodings returns the codings of a Content-Encoding field's lines
// (each a list), in the order the origin applied them, and whether the
// client decodes them all: gzip (x-gzip) and deflate. "identity" members
// (no coding, which RFC 9110 keeps out of the field but servers write:
// "deflate, identity") are left out.
func decodableCodings(lines []string) ([]string, bool) {
	var codings []string
	for _, line := range lines {
		for c := range strings.SplitSeq(line, ",") {
			switch c = strings.TrimSpace(c); {
			case c == "" || strings.EqualFold(c, "identity"):
			case strings.EqualFold(c, "gzip") || strings.EqualFold(c, "x-gzip"):
				codings = append(codings, "gzip")
			case strings.EqualFold(c, "deflate"):
				codings = append(codings, "deflate")
			default:
				return nil, false
			}
		}
	}
	return codings, len(codings) > 0
}

// errTooManyCodings is an answer coded more times than maxCodings. It
// matches middleware.ErrNoRetry, as the same URL answers so every time (a
// backup is still tried).
type errTooManyCodings struct{ n int }

func (e errTooManyCodings) Error() string {
	return "decoding Content-Encoding: " + strconv.Itoa(e.n) + " codings, more than the " + strconv.Itoa(maxCodings) + " fetch takes off"
}

func (errTooManyCodings) Is(target error) bool { return target == middleware.ErrNoRetry }

// decodedBody is an answer's decoded body: Close closes the coded one.
type decodedBody struct {
	io.Reader
	coded io.Closer
}

func (d decodedBody) Close() error { return d.coded.Close() }

// A decodingReader takes one coding off the bytes of coded. The decoder is
// made at the first Read, so that RoundTrip never waits for body bytes; a
// read error of the coded body (a timeout, a reset) comes through as it is,
// and bytes after the stream's end fail the read: a raw deflate decoder
// reads a plain body labelled deflate as a short stream and would hand back
// a few bytes of garbage, without a word, where the zlib checksum catches
// it. (gzip reads members one after the other, as net/http's does, and
// anything after them as a header that is not one.)
type decodingReader struct {
	coding    string // gzip or deflate
	coded     io.Reader
	delimited bool       // coded's io.EOF is its whole length, not a cut
	end       *endReader // coded, noting its end
	br        *bufio.Reader
	r         io.Reader
}

// endReader is a coded body that notes whether it came to its end.
type endReader struct {
	r     io.Reader
	ended bool
}

func (e *endReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err == io.EOF {
		e.ended = true
	}
	return n, err
}

// errEndsEarly is a body that came whole and ended before its coding did:
// a plain body too short for the coding's header ("{}" labelled deflate),
// or a stream cut inside a body of the told length. Its decoder says
// io.ErrUnexpectedEOF, as for a cut connection, but the same URL answers
// so every time: it matches middleware.ErrNoRetry (a backup is still
// tried).
type errEndsEarly struct{}

func (errEndsEarly) Error() string {
	return "the body ends before its coded stream does"
}

func (errEndsEarly) Is(target error) bool { return target == middleware.ErrNoRetry }

// errTrailingBytes is a body with bytes after its coded stream's end: no
// data in that coding (a plain body labelled deflate, which a raw decoder
// reads as a short stream of other bytes), or more than one stream.
type errTrailingBytes struct{ coding string }

func (e errTrailingBytes) Error() string {
	return "decoding Content-Encoding " + e.coding + ": bytes after the end of the compressed stream"
}

// Is makes it match middleware.ErrNoRetry, as the same URL answers so every
// time (the retry layer does not retry it; a backup is still tried).
func (errTrailingBytes) Is(target error) bool { return target == middleware.ErrNoRetry }

func (d *decodingReader) Read(p []byte) (int, error) {
	if d.r == nil {
		d.end = &endReader{r: d.coded}
		d.br = bufio.NewReader(d.end)
		head, err := d.br.Peek(2)
		switch {
		case len(head) == 0 && err != nil:
			return 0, err // empty (io.EOF), or failed before its first byte
		case d.coding == "gzip":
			z, err := gzip.NewReader(d.br)
			if err != nil {
				d.r = failedRead{d.failed(err)}
				break
			}
			d.r = z
		case len(head) == 2 && head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0:
			d.r = newZlibReader(d, head)
		default:
			d.r = flate.NewReader(d.br)
		}
	}
	n, err := d.r.Read(p)
	if err == io.EOF && d.coding == "deflate" {
		// The deflate stream ends before the bytes under it do: a coding
		// beneath (a gzip member's checksum) or the body's read may still
		// fail, and that failure is the answer's.
		switch _, more := d.br.Peek(1); {
		case more == nil:
			err = errTrailingBytes{d.coding}
		case more != io.EOF:
			err = more
		}
		if err != io.EOF {
			err = d.failed(err)
			d.r = failedRead{err}
			return n, err
		}
	}
	return n, d.failed(err)
}

// failed says of which coding a decoder's own error is ("flate: corrupt
// input before offset 5", "gzip: invalid header"); others (io.EOF, a read
// error of the coded body) are returned as they are.
func (d *decodingReader) failed(err error) error {
	var corrupt flate.CorruptInputError
	var beneath codingError
	if errors.As(err, &beneath) {
		return err // a coding beneath this one said it of itself
	}
	if err == io.ErrUnexpectedEOF && d.delimited && d.end.ended {
		return codingError{coding: d.coding, err: errEndsEarly{}}
	}
	if errors.As(err, &corrupt) || errors.Is(err, zlib.ErrChecksum) || errors.Is(err, zlib.ErrHeader) ||
		errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) {
		return codingError{coding: d.coding, err: err}
	}
	return err
}

// codingError is a decoder's own error, naming its coding.
type codingError struct {
	coding string
	err    error
}

func (e codingError) Error() string {
	return "decoding Content-Encoding " + e.coding + ": " + e.err.Error()
}

func (e codingError) Unwrap() error { return e.err }

// failedRead is a decoder that failed for good: every Read fails so.
type failedRead struct{ err error }

func (f failedRead) Read([]byte) (int, error) { return 0, f.err }

// zlibReader takes the zlib wrapping (RFC 1950) off a deflate stream, as
// zlib.Reader does but for one case, where it follows fetch: a stream that
// is whole but whose Adler-32 trailer is missing or cut short at the end of
// a body that came whole (told by its length or chunked framing) is taken,
// as node's undici and browsers take it (their zlib inflates with a sync
// flush and asks no trailer); zlib.Reader says io.ErrUnexpectedEOF, which
// the client took for a body ending before its coding. A trailer that is
// there and does not match fails with zlib.ErrChecksum, as fetch fails it.
type zlibReader struct {
	d   *decodingReader
	f   io.Reader // the deflate stream after the two header bytes
	sum hash.Hash32
	end error // the result once the stream has ended
}

// newZlibReader reads a zlib stream from d.br, whose first two bytes,
// head, are a zlib header (checked by its caller). A header that asks for
// a preset dictionary or names a window over 32 KiB fails, as
// zlib.NewReader fails it.
func newZlibReader(d *decodingReader, head []byte) io.Reader {
	switch {
	case head[0]>>4 > 7:
		return failedRead{d.failed(zlib.ErrHeader)}
	case head[1]&0x20 != 0:
		return failedRead{codingError{coding: d.coding, err: zlib.ErrDictionary}}
	}
	_, _ = d.br.Discard(2) // peeked: they are there
	return &zlibReader{d: d, f: flate.NewReader(d.br), sum: adler32.New()}
}

func (z *zlibReader) Read(p []byte) (int, error) {
	if z.end != nil {
		return 0, z.end
	}
	n, err := z.f.Read(p)
	z.sum.Write(p[:n])
	if err != io.EOF {
		return n, err
	}
	var trailer [4]byte
	m, err := io.ReadFull(z.d.br, trailer[:])
	switch {
	case m == len(trailer) && binary.BigEndian.Uint32(trailer[:]) != z.sum.Sum32():
		z.end = zlib.ErrChecksum
	case m == len(trailer):
		z.end = io.EOF
	case z.d.delimited && z.d.end.ended && (err == io.EOF || err == io.ErrUnexpectedEOF):
		z.end = io.EOF // the body's whole length came: no trailer to wait for
	case err == io.EOF:
		z.end = io.ErrUnexpectedEOF // a cut connection, maybe: retried
	default:
		z.end = err
	}
	return n, z.end
}
