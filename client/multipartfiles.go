package client

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/taroreq/taroreq/encoders"
)

// A multipart File's Reader is read whole when the body is encoded, in
// build, which has no ctx: a reader that stalls (a pipe, a socket) held the
// call for ever. The client hands the multipart encoder a FileReader
// (encoders.FileReadingEncoder) that reads such readers as an io.Reader
// Data is read (readWatched: within the call's ctx, never waiting more than
// the attempt's Timeout for more bytes), once build's checks without the
// body passed (precheck: a refused call reads no File). The encoder walks
// Data its own way, so every File it sends is read so, and none it leaves
// out is. A File's Reader read whole is left open (Encode never closed it);
// one given up on is closed, to end its Read.

// fileReader is the FileReader of a call whose Option carries its ctx
// (sendDecoding sets it), nil for none.
func fileReader(opt *Option) encoders.FileReader {
	ctx, d := opt.fileCtx, attemptTimeout(opt.Timeout)
	if ctx == nil {
		return nil
	}
	return func(r io.Reader, limit int64) (io.Reader, error) {
		if r == nil || isNilReader(r) {
			return r, nil
		}
		// An interceptor may proceed again with the same Data, whose
		// Files were read by the first send: they send the bytes it read
		// (readerBodies, as an io.Reader Data), never an empty file.
		again, first, err := claim(ctx, r)
		if err != nil {
			return nil, err
		}
		if again != nil {
			return bytes.NewReader(again), nil
		}
		if first == nil && inMemory(r) {
			return r, nil // sent once: read by the encoder as it is
		}
		defer first.done(nil, errors.New("the first read of the file did not finish"))
		var v any = r
		if !inMemory(r) {
			if v, err = readWatched(ctx, r, limit, d, false); err != nil {
				first.done(nil, err)
				return nil, err
			}
		}
		b, ok := v.([]byte)
		if !ok {
			// In memory, or over the bound: at most limit+1 bytes, the
			// encoder says when there are more.
			b, err = io.ReadAll(io.LimitReader(v.(io.Reader), limit+1))
			if err != nil {
				first.done(nil, err)
				return nil, err
			}
		}
		if int64(len(b)) > limit {
			first.done(nil, fmt.Errorf("%w: a multipart file over %d bytes", encoders.ErrBodyTooLarge, limit))
		} else {
			first.done(encoders.NewBody(b, ""), nil)
		}
		return bytes.NewReader(b), nil
	}
}

// watchFiles readies a multipart call's Files to be read under ctx: build's
// checks run first, without the body, so that a call build refuses anyway
// reads none (a corrected call sends them whole).
func (c *Client) watchFiles(ctx context.Context, opt *Option) error {
	if opt.Data == nil || !multipartHeader(opt.Header) || bodilessMethod(opt.Method) {
		return nil
	}
	if err := c.precheck(opt); err != nil {
		return err
	}
	opt.fileCtx = ctx
	return nil
}

// multipartHeader reports whether h (as the caller spelled it, any case)
// asks for multipart/form-data.
func multipartHeader(h http.Header) bool {
	for k, vs := range h {
		if len(vs) > 0 && strings.EqualFold(k, "Content-Type") && isMultipart(vs[0]) {
			return true
		}
	}
	return false
}

// isMultipart reports whether a Content-Type is multipart/form-data as the
// registry reads it (encoders.MediaType: also when its parameters do not
// parse), so that every call the multipart encoder encodes has its Files
// read within the call's ctx and Timeout.
func isMultipart(ct string) bool {
	return encoders.MediaType(ct) == "multipart/form-data"
}

// storeKeyType is the Content-Type ct as it keys the store beside the body:
// its media type and parameters, a charset's value in lower case (charset
// names are case-insensitive), but a multipart boundary (storeKeyBody keys
// the parts without it). The same bytes sent as UTF-8 and as another charset
// are two requests, which the origin reads, and may answer, two ways. A
// Content-Type that does not parse keys as it is, trimmed; so does one
// spelled with a '*' (RFC 2231 parameters, which mime.ParseMediaType reads
// lossily: an extended value in another charset than UTF-8 dropped, one
// replacing a plain parameter of its name, a continuation with a gap cut,
// while most origins read the plain parameter alone) or whose parameters
// FormatMediaType spells with one (non-ASCII values): the parsed form would
// key it alike with another Content-Type.
func storeKeyType(ct string) string {
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || strings.ContainsRune(ct, '*') {
		return strings.TrimSpace(ct)
	}
	if len(params) == 0 {
		return mt
	}
	if strings.HasPrefix(mt, "multipart/") {
		delete(params, "boundary")
	}
	if cs, ok := params["charset"]; ok {
		params["charset"] = strings.ToLower(cs)
	}
	if s := mime.FormatMediaType(mt, params); s != "" {
		if strings.ContainsRune(s, '*') {
			return strings.TrimSpace(ct) // a value it encodes (non-ASCII): as spelled
		}
		return s
	}
	return mt + ";" + strings.TrimSpace(ct) // parameters FormatMediaType cannot spell: all of ct
}

// storeKeyBody is the body bytes that key the store for a body sent with
// Content-Type ct: body itself, but for multipart/form-data, whose boundary
// is random per call: its parts between the boundary delimiters, each
// length-prefixed, so that the same data keys the same entry whatever the
// boundary (the delimiter is in no part: the encoder refuses such data).
func storeKeyBody(body []byte, ct string) []byte {
	if !isMultipart(ct) {
		return body
	}
	_, params, err := mime.ParseMediaType(ct)
	if err != nil || params["boundary"] == "" {
		return body
	}
	parts := bytes.Split(body, []byte("--"+params["boundary"]))
	out := make([]byte, 0, len(body)+binary.MaxVarintLen64*len(parts)+len("multipart\x00"))
	out = append(out, "multipart\x00"...) // marks this form
	for _, p := range parts {
		out = binary.AppendUvarint(out, uint64(len(p)))
		out = append(out, p...)
	}
	return out
}
