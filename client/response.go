package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/internal/httpstatus"
)

// Response is what a request gives back. On failure it still carries ErrMsg
// (and the status and headers of the last response, if one arrived).
// A Response is not modified after it is returned; it is safe to read from
// several goroutines.
type Response struct {
	// Data is the decoded body: for DataType "json" the JSON value
	// (map[string]any, []any, float64, string, bool) or nil for an empty
	// body, a 204 or a body that is not JSON; for ResponseType "arraybuffer"
	// the bytes; otherwise the body as a string. For Do, the typed value.
	Data any
	// StatusCode is the answer's HTTP status (of the last answer that
	// arrived, on a failure); 0 when none did, and for a no-cors call's
	// opaque answer.
	StatusCode int
	// Header is the answer's header as net/http holds it: canonical names,
	// each line of a name a value of its own (Values gives them all, Get
	// the first). Nil when StatusCode is 0, and for a no-cors JSONP call's
	// payload from another origin (status 200 and nothing else, see Mode).
	Header http.Header
	// Cookies are the answer's Set-Cookie lines, parsed, whatever the
	// call's Credentials mode (a line that does not parse is left out of
	// Cookies, not of Header). They are the server's, not the jar's.
	Cookies []*http.Cookie
	// ErrMsg is "request:ok" or "request:fail <reason>".
	ErrMsg string
	// Raw is the body as received (bounded by the client's response size),
	// but for JSONP: the payload inside the callback, as DataCheck and the
	// store see it.
	Raw []byte
	// Body is the streamed body of a request with EnableChunked (Raw and
	// Data are then nil); the caller reads it and must close it. Nil
	// otherwise, and after a Task has read it.
	Body io.ReadCloser
	// DecodeErr is set when DataType is "json" and the body is not JSON; the
	// request still succeeds (Taro resolves with null data).
	DecodeErr error
	// URL is the URL that answered: a backup's, or the last redirect's;
	// without a fragment and without userinfo, as fetch's Response.url
	// (Option.URL's user:pass went as Authorization: it is a secret, and
	// this field is printed with the response). The query is as sent.
	URL string
	// Attempts counts the attempts made, retries, backups and redirect
	// hops included, one that an open circuit breaker refused without I/O
	// too; 0 for an answer from the store, or from the HTTP cache without
	// I/O. An EnableChunked Request's counts those made until it returned:
	// a Range request that resumes its body later is not (a Task's
	// Response, given once the body has ended, counts them).
	// It does not count net/http's own resend: http.Transport sends a
	// GET, HEAD, OPTIONS or TRACE (or a request with an Idempotency-Key)
	// once more, even with NoRetry, when a reused keep-alive connection
	// turns out closed before any byte of an answer (and any request whose
	// bytes were not written yet).
	Attempts int
	// FromStore is true when the store answered (Option.UseStore): before
	// the network, or as the stale fallback once every URL had failed. A
	// DataCheck or StoreCheck judging the store's data sees it true too.
	FromStore bool
	// FromCache is true when the HTTP cache answered without the network or
	// after a 304 revalidation. A DataCheck judging the cache's answer sees
	// it true too.
	FromCache bool
}

// OK returns nil for a 2xx status and a *StatusError otherwise, for callers
// who want non-2xx responses as errors (fetch semantics treat them as
// responses).
func (r *Response) OK() error {
	if r == nil {
		return &StatusError{}
	}
	if r.StatusCode >= 200 && r.StatusCode < 300 {
		return nil
	}
	se := newStatusError(r.StatusCode, r.Raw)
	se.URL, se.Header = credential.String(r.URL), r.Header
	return se
}

// MaxErrorBody bounds the body a StatusError keeps.
const MaxErrorBody = 64 << 10

// StatusError is a response whose status is not 2xx: what Response.OK
// returns, and the error of a typed call (Do) that got one. It keeps the
// first MaxErrorBody bytes of the body, so that the server's error document
// can be read (Decode, DecodeError). It wraps no other error. It is not
// modified once returned (Decode only reads Body): safe to read from several
// goroutines.
type StatusError struct {
	StatusCode int         // the answer's status, never 2xx (0 from a nil Response's OK)
	URL        string      // redacted
	Header     http.Header // the response's header
	Body       []byte      // a copy of at most MaxErrorBody bytes
}

func newStatusError(status int, body []byte) *StatusError {
	return &StatusError{StatusCode: status, Body: bytes.Clone(body[:min(len(body), MaxErrorBody)])}
}

// Error is the URL, if known, the status code and its text.
func (e *StatusError) Error() string {
	if e == nil {
		return "taroreq: nil *client.StatusError"
	}
	if e.URL == "" {
		return "status " + httpstatus.Line(e.StatusCode)
	}
	return e.URL + ": status " + httpstatus.Line(e.StatusCode)
}

// Decode parses the kept body as JSON into v, as a response's data is read
// (encoders.DecodeInto: a leading UTF-8 BOM skipped, bytes that are not
// UTF-8 replaced as fetch's json() replaces them). An empty body is an error.
func (e *StatusError) Decode(v any) error {
	if e == nil {
		return fmt.Errorf("%w: nil *client.StatusError has no body", ErrDecode)
	}
	if len(bytes.TrimSpace(encoders.TrimBOM(e.Body))) == 0 {
		return json.Unmarshal(e.Body, v) // no document: its error
	}
	return encoders.DecodeInto(e.Body, e.StatusCode, v)
}

// DecodeError finds the *StatusError in err and decodes its body, as JSON,
// into an E (as resty's SetError does): the server's error document of a
// failed typed call. ok is false when err has no StatusError or its body is
// not an E.
func DecodeError[E any](err error) (e E, ok bool) {
	var se *StatusError
	if !errors.As(err, &se) {
		return e, false
	}
	return e, se.Decode(&e) == nil
}
