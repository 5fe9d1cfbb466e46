package client

import (
	"bufio"
	"compress/flate"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/taroreq/taroreq/middleware"
)

// decodedDeflate returns resp with its body decoded when the origin coded
// it "deflate" though the request named no coding of its own: fetch decodes
// deflate as it does gzip (a browser asks for both), where net/http decodes
// only the gzip it asked for and handed Taro code the coded bytes. As
// net/http marks its gzip, the answer loses Content-Encoding and
// Content-Length and is Uncompressed (its bytes are not the origin's: no
// Range resumes them). A request with its own Accept-Encoding (identity),
// and a plain http.Client's, get the bytes as coded; so do a 206, whose
// part cannot be decoded alone, and a coding list ("deflate, gzip"; but
// "identity", no coding, beside deflate: deflateAlone).
func decodedDeflate(req *http.Request, resp *http.Response) *http.Response {
	// Content-Encoding first: almost every answer has none (net/http
	// took off the gzip it asked for), and this runs for each of them.
	if ce := resp.Header.Values("Content-Encoding"); len(ce) == 0 || !deflateAlone(ce) {
		return resp
	}
	if resp.Body == nil || resp.StatusCode == http.StatusPartialContent || middleware.Bodiless(req.Method, resp.StatusCode) ||
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
	r.Body = &deflateBody{coded: resp.Body}
	return r
}

// deflateBody decodes a deflate body as browsers do: zlib-wrapped, as RFC
// 9110 §8.4.1.2 has it, or raw, as some servers send it. The decoder is
// made at the first Read, so that RoundTrip never waits for body bytes; a
// read error of the coded body (a timeout, a reset) comes through as it is,
// and bytes after the stream's end fail the read: a raw decoder reads a
// plain body labelled deflate as a short stream and would hand back a few
// bytes of garbage, without a word, where the zlib checksum catches it.
type deflateBody struct {
	coded io.ReadCloser
	br    *bufio.Reader // coded, buffered for the decoder
	r     io.Reader
}

// errDeflateTrailing is a deflate body with bytes after its stream's end:
// no deflate data (a plain body labelled deflate, which a raw decoder reads
// as a short stream of other bytes), or more than one.
var errDeflateTrailing error = trailingError{}

// trailingError is errDeflateTrailing: it matches middleware.ErrNoRetry,
// as the same URL answers so every time (the retry layer does not retry
// it; a backup is still tried).
type trailingError struct{}

func (trailingError) Error() string {
	return "decoding Content-Encoding deflate: bytes after the end of the compressed stream"
}

func (trailingError) Is(target error) bool { return target == middleware.ErrNoRetry }

func (d *deflateBody) Read(p []byte) (int, error) {
	if d.r == nil {
		d.br = bufio.NewReader(d.coded)
		br := d.br
		head, err := br.Peek(2)
		switch {
		case len(head) == 0 && err != nil:
			return 0, err // empty (io.EOF), or failed before its first byte
		case len(head) == 2 && head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0:
			z, err := zlib.NewReader(br)
			if err != nil {
				d.r = failedRead{err}
				break
			}
			d.r = z
		default:
			d.r = flate.NewReader(br)
		}
	}
	n, err := d.r.Read(p)
	var corrupt flate.CorruptInputError
	switch {
	case err == io.EOF:
		if _, more := d.br.Peek(1); more == nil {
			d.r = failedRead{errDeflateTrailing}
			return n, errDeflateTrailing
		}
	case errors.As(err, &corrupt) || errors.Is(err, zlib.ErrChecksum) || errors.Is(err, zlib.ErrHeader):
		// The decoder's own ("flate: corrupt input before offset 5"):
		// say of what.
		err = fmt.Errorf("decoding Content-Encoding deflate: %w", err)
	}
	return n, err
}

func (d *deflateBody) Close() error { return d.coded.Close() }

// failedRead is a decoder that failed for good: every Read fails so.
type failedRead struct{ err error }

func (f failedRead) Read([]byte) (int, error) { return 0, f.err }

// deflateAlone reports whether the codings of a Content-Encoding field (its
// lines, each a list) are deflate alone, once "identity" members (no
// coding, which RFC 9110 keeps out of the field but servers write: "deflate,
// identity") are left out.
func deflateAlone(lines []string) bool {
	deflates := 0
	for _, line := range lines {
		for c := range strings.SplitSeq(line, ",") {
			switch c = strings.TrimSpace(c); {
			case c == "" || strings.EqualFold(c, "identity"):
			case strings.EqualFold(c, "deflate"):
				deflates++
			default:
				return false
			}
		}
	}
	return deflates == 1
}
