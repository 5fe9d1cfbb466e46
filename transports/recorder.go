package transports

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
)

// DefaultBodyLimit is how many bytes of each body a Recorder keeps, unless
// WithBodyLimit says otherwise.
const DefaultBodyLimit = 1 << 20

// RecordOption configures a Recorder. A nil one means the default.
// RecordOptions only set the configuration when it is built: one may be
// reused for several Recorders and passed between goroutines.
type RecordOption func(*recordConfig)

type recordConfig struct {
	limit  int64
	redact credential.Headers // canonical names whose values are recorded as Redacted
}

// WithBodyLimit sets how many bytes of each request and response body are
// recorded (default DefaultBodyLimit); a longer body is recorded truncated,
// with its full size and hash, but for a form or JSON one, which is
// withheld: its size only (see Recorder). Zero or negative is a bound too,
// not the default: no bytes are recorded, only sizes and hashes (sizes
// alone for form and JSON bodies).
func WithBodyLimit(n int64) RecordOption {
	return func(c *recordConfig) { c.limit = max(n, 0) }
}

// WithRedactedHeaders adds headers whose values are recorded as Redacted, in
// requests and responses, besides those always redacted.
func WithRedactedHeaders(names ...string) RecordOption {
	return func(c *recordConfig) {
		for _, n := range credential.TrimNames(names) {
			c.redact[http.CanonicalHeaderKey(n)] = true
		}
	}
}

// Recorder is an http.RoundTripper that passes each request to a base
// transport and writes the exchange (request and response, headers and
// bodies) to a JSON file of its own in a directory, for a Replayer to answer
// from later. Failed round trips are not recorded; a 101 Switching Protocols
// response is recorded without its body (the upgraded connection), which is
// handed back untouched.
//
// The caller's request is not changed, and the response body reaches the
// caller whole and streamed: it is recorded as the caller reads it, its
// first bytes up to the bound (WithBodyLimit, DefaultBodyLimit by default)
// kept in memory, never more. The file is written when the caller reads the
// response body to its end or closes it; the body's Close reports an error
// writing it, and so does Err. A body whose read failed before its end
// (a reset, a cut, a timeout) is recorded Broken (see RecordedBody), and
// replayed as failing so. Each file is written atomically (a temporary
// file renamed into place) and is named after the exchange's sequence
// number, method and a hash of what a Replayer matches, such as
// "000001-GET-1a2b3c4d.json"; see Exchange for its content. Record into an
// empty directory: a new Recorder numbers from 1 again.
//
// Recorded files hold no credential values. A name is secret by the rule
// of the whole module (the README's Security section lists it): it contains
// token, key, secret, password, sig, auth, session and the like, has a word
// such as pass, pin, otp, pw or sid, or is code (any case). Replaced with
// Redacted are the values of the Authorization, Cookie, Set-Cookie and
// Proxy-Authorization headers, of headers named with WithRedactedHeaders, of
// headers and query parameters with secret names, and in request and
// response bodies:
//   - in a form (application/x-www-form-urlencoded) or JSON body, the value
//     of every field or member with a secret name, at any depth, and every
//     JSON string that is a URL holding a secret (a paging link's
//     access_token, a signed download URL) redacted as the URL is, the rest
//     kept byte for byte (RecordedBody.Redacted). A body is JSON when its
//     content type names json, or when it starts with { or [ (after white
//     space and a UTF-8 BOM, as the client's JSON decoding reads it) and
//     parses;
//   - a form or JSON body that cannot be redacted safely is withheld, no
//     bytes and no hash recorded (RecordedBody.Withheld): one declared JSON
//     that does not parse, one longer than the bound (raise WithBodyLimit
//     to keep it), one with a Content-Encoding, or one starting with { or [
//     longer than the bound.
//
// A multipart body has its secret-named parts (and its parts' credential
// headers) Redacted and its form and JSON parts redacted; a script is
// recorded only as one JSONP call of a JSON value, its argument redacted.
// What cannot be redacted (a multipart part transfer-encoded, nested or
// unparsable, more than 256 parts, any other script) is withheld. A
// multipart request replays only with the boundary it was recorded with:
// set one in its Content-Type (the client's encoder takes it; it picks a
// random one otherwise). Other bodies (text, binary) are recorded as they
// are. The hash of a redacted body is that of its recorded bytes, never of
// the real ones (a hash of a password would let a guess be checked). A Replayer
// redacts a request body the same way before matching it, and answers with
// a response body as recorded: redacted, or empty if withheld. The URL is
// recorded in canonical form: scheme and host in lower case, an empty path
// as "/", no fragment, no userinfo (user and password alike). The URLs in
// the Location, Content-Location, Referer, Link and Refresh headers lose
// their userinfo, fragment and secret query values the same way in the
// file, and so do the URLs in any other header (X-Goog-Upload-Url, a
// vendor's pre-signed link), read as free text; the response handed to
// the caller keeps them as sent. A redirect
// (3xx) whose URL headers held such a secret has its body withheld: that
// body repeats the Location for a browser (Go's http.Redirect, Express and
// Rails write one), secret included, and no client reads it.
//
// A Recorder is safe for concurrent use. Make one with NewRecorder: the zero
// value, and a nil *Recorder, fail every request with an error, no I/O.
type Recorder struct {
	base http.RoundTripper
	dir  string
	cfg  recordConfig
	seq  atomic.Int64

	mu  sync.Mutex
	err error // the first error writing a file
}

// NewRecorder returns a Recorder that sends requests through base (nil means
// http.DefaultTransport) and records them in dir, creating dir if needed.
func NewRecorder(base http.RoundTripper, dir string, opts ...RecordOption) (*Recorder, error) {
	cfg := recordConfig{limit: DefaultBodyLimit, redact: credential.NewHeaders()}
	for _, o := range opts {
		if o != nil { // nil means the default
			o(&cfg)
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("transports: recorder directory: %w", err)
	}
	return &Recorder{base: middleware.Base(base), dir: dir, cfg: cfg}, nil
}

// Err returns the first error met writing an exchange file, or nil (and
// nil for a nil Recorder, which writes none).
func (r *Recorder) Err() error {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

// RoundTrip sends req through the base transport and records the exchange.
func (r *Recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if r == nil || r.base == nil {
		middleware.CloseRequestBody(req)
		return nil, errors.New("transports: nil or zero Recorder (make one with NewRecorder)")
	}
	if err := middleware.CheckRequest(req); err != nil {
		return nil, err
	}
	extra := middleware.CredentialHeaderNames(req.Context()) // the client's WithCredentialHeaders names
	x := Exchange{Seq: r.seq.Add(1), Request: ExchangeRequest{
		Method: method(req.Method),
		URL:    redactURL(req.URL),
		Header: r.cfg.redact.Redact(req.Header, nil, extra),
	}}

	out, reqBody := r.teeRequest(req)
	resp, err := r.base.RoundTrip(out)
	if err != nil {
		return nil, err
	}
	if resp == nil { // the base broke the http.RoundTripper contract
		middleware.CloseRequestBody(req)
		return nil, fmt.Errorf("transports: %s: base transport (%T) returned a nil *http.Response with a nil error",
			describe(x.Request.Method, x.Request.URL), r.base)
	}
	if resp.Request == out {
		resp.Request = req
	}
	x.Response.Status = resp.StatusCode
	x.Response.Header = r.cfg.redact.Redact(resp.Header, nil, extra)
	secrets := credential.EchoedSecrets(req.Header, req.URL, extra) // echoed under another name: see there
	credential.RedactEchoes(x.Response.Header, secrets)
	if resp.StatusCode == http.StatusSwitchingProtocols {
		// The body is the upgraded connection: hand it back untouched and
		// record the exchange without a response body.
		x.Request.Body, x.Response.Body = reqBody(), emptyBody()
		_ = r.write(&x)
		return resp, nil
	}
	echo := redirectWithSecret(resp, x.Response.Header)
	kind := kindHeader(resp.Header)
	resp.Body = newRecordingBody(resp, r.cfg.limit, func(body RecordedBody) error {
		x.Request.Body = reqBody()
		body = plainCall(kind, body) // a JSONP call served as text
		body = redactEchoBody(body, secrets)
		if echo && body.Size > 0 {
			body = withheld(body.Size)
		}
		x.Response.Body = body
		return r.write(&x)
	})
	return resp, nil
}

// teeRequest returns the request to send, a shallow copy of req whose body
// records what the transport reads of it, and a function that returns that
// record. A request without a body is sent as it is.
func (r *Recorder) teeRequest(req *http.Request) (*http.Request, func() RecordedBody) {
	if req.Body == nil || req.Body == http.NoBody {
		return req, emptyBody
	}
	length := req.ContentLength
	if length <= 0 {
		length = -1 // unknown: only the end of the body tells
	}
	var (
		mu  sync.Mutex
		cur *capture
	)
	tee := func(rc io.ReadCloser) io.ReadCloser {
		c := newCapture(r.cfg.limit)
		mu.Lock()
		cur = c // a rewound body starts the record afresh
		mu.Unlock()
		return &teeBody{rc: rc, c: c}
	}
	out := new(http.Request)
	*out = *req
	out.Body = tee(req.Body)
	if req.GetBody != nil {
		out.GetBody = func() (io.ReadCloser, error) {
			rc, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			return tee(rc), nil
		}
	}
	h := kindHeader(req.Header)
	return out, func() RecordedBody {
		mu.Lock()
		defer mu.Unlock()
		return cur.recorded(length, h)
	}
}

// write writes x's file, and keeps the first error.
func (r *Recorder) write(x *Exchange) error {
	err := writeExchange(r.dir, x)
	if err != nil {
		err = fmt.Errorf("transports: recording %s: %w", describe(x.Request.Method, x.Request.URL), err)
		r.mu.Lock()
		if r.err == nil {
			r.err = err
		}
		r.mu.Unlock()
	}
	return err
}

// redirectWithSecret reports whether resp is a redirect whose URL headers
// (Location...) held a secret that recorded, their redacted copy, no longer
// holds. Such a redirect's body is withheld: it repeats the Location for a
// browser to follow (Go's http.Redirect, Express, Rails), secret included,
// and no client reads it.
func redirectWithSecret(resp *http.Response, recorded http.Header) bool {
	if resp.StatusCode < 300 || resp.StatusCode > 399 {
		return false
	}
	for _, name := range credential.URLHeaders {
		if !slices.Equal(anySpelling(resp.Header, name), anySpelling(recorded, name)) {
			return true
		}
	}
	return false
}

// CloseIdleConnections closes the idle connections of the transport the
// Recorder records through, as http.Client.CloseIdleConnections (and a
// client's) asks of its Transport. A nil or zero Recorder has none.
func (r *Recorder) CloseIdleConnections() {
	if r != nil {
		middleware.CloseIdleConnections(r.base)
	}
}

// Unwrap returns the transport the Recorder records through (nil for a
// nil Recorder), which a client and the store and HTTP cache layers look
// through to find a transport that tells its user by the connection (a
// TLS client certificate).
func (r *Recorder) Unwrap() http.RoundTripper {
	if r == nil {
		return nil
	}
	return r.base
}

// RedactHeaders is WithRedactedHeaders under its old name, from before the
// redaction options of every package got one shape.
//
// Deprecated: use WithRedactedHeaders.
func RedactHeaders(names ...string) RecordOption { return WithRedactedHeaders(names...) }
