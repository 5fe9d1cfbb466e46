package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync/atomic"

	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
)

// send is the innermost Proceed: it builds the request, sends it through the
// stack and reads the response.
func (c *Client) send(ctx context.Context, opt Option) (*Response, error) {
	if ctx == nil { // an interceptor's proceed(nil, opt)
		return nil, c.fail(&opt, c.unusable(ctx))
	}
	dec, _ := ctx.Value(decodeKey{}).(typedDecoder)
	return c.sendDecoding(ctx, opt, dec, nil)
}

// sendDecoding is send with the typed call's decode (nil for none).
// room, when not nil, is where to write the Response.
func (c *Client) sendDecoding(ctx context.Context, opt Option, dec typedDecoder, room *Response) (*Response, error) {
	if opt.EnableChunked && dec != nil {
		return nil, c.fail(&opt, errChunkedDo) // before a body reader is read
	}
	first, err := c.takeReaderBody(ctx, &opt)
	if first != nil {
		// Sends waiting for this one never wait for ever, whatever
		// happens below (a panic in the reader).
		defer first.done(nil, errors.New("the first send of the body did not finish"))
	}
	if err == nil {
		err = c.watchFiles(ctx, &opt)
	}
	if err != nil {
		return nil, c.fail(&opt, err)
	}
	b, err := c.build(&opt)
	first.built(&opt, b, err)
	if err != nil {
		return nil, c.fail(&opt, err)
	}
	b.decoder.typed = dec
	if dec != nil && opt.UseStore {
		b.decoder.memo, b.decoder.memoKey = c.memo, b.storeKey
	}
	s := b.room.Settings() // b, just built, is this call's: its room unused
	c.settingsFor(s, &opt, b)
	var heard *taskHeard
	if taskFrom(ctx) != nil {
		// The retry layer announces an answer's headers before it reads
		// the body. Work that outlives the call (the HTTP cache's
		// revalidation in the background, an exchange other callers share
		// after this one left) tells the Task nothing more: its
		// listeners hear of the answer the caller got.
		heard = new(taskHeard)
		s.OnHeaders = func(status int, h http.Header) {
			if heard.answered.Load() {
				return
			}
			// The listeners may run in an exchange that other callers
			// wait on (the HTTP cache's): a panic of theirs is this
			// Task's, raised on its goroutine below, never in theirs.
			defer func() {
				if p := recover(); p != nil {
					heard.panicked.CompareAndSwap(nil, &p)
				}
			}()
			headersReceived(ctx, b.sealed(), status, h)
		}
	}
	callCtx, call := b.room.Open(ctx)
	b.call = call
	if b.opaque || b.script {
		// A no-cors call that lists another origin is opaque whichever URL
		// answers: tainted from the start, so the store, which keys the
		// answer by the first URL alone, never keeps another origin's
		// answer for a later call of the client's origin to read.
		call.SetTainted()
	}
	if middleware.LayerTraceRequested(ctx) {
		call.TraceLayers()
	}
	req := b.request(callCtx)
	hr, err := c.do(req)
	if heard != nil {
		heard.answered.Store(true)
		if p := heard.panicked.Load(); p != nil {
			if err == nil {
				hr.Body.Close()
			}
			panic(*p) // (a listener that panicked after the call returned has no one left to tell)
		}
	}
	if err == nil && hr.StatusCode == http.StatusSwitchingProtocols && !askedUpgrade(req, hr) {
		hr.Body.Close() // the switched connection: no one asked for it
		if b.sealed() {
			return c.failOpaque(req, ctx, call.Attempts(), ErrProtocolSwitch) // what answered (with a 101) too
		}
		return &Response{Attempts: call.Attempts()}, c.failURL(req, ctx, ErrProtocolSwitch)
	}
	if err != nil {
		if b.sealed() {
			return c.failOpaque(req, ctx, call.Attempts(), err)
		}
		if _, ok := err.(*redirectError); ok {
			// A browser's network error shows no response: not the
			// last hop, nor an earlier URL's failure.
			return &Response{Attempts: call.Attempts()}, c.failURL(req, ctx, err)
		}
		return lastResponse(call, &b.decoder), c.failURL(req, ctx, err)
	}
	resp := room
	if resp == nil {
		resp = new(Response)
	}
	out := call.Outcome()
	*resp = Response{
		StatusCode: hr.StatusCode,
		Header:     hr.Header,
		Cookies:    hr.Cookies(),
		Attempts:   out.Attempts,
		URL:        answeredURL(hr, call, req, b),
		FromStore:  out.FromStore,
		FromCache:  out.FromCache,
		ErrMsg:     msgOK, // saves run a copy; a failure below replaces it
	}
	if resp.Attempts == 0 && !resp.FromStore && !resp.FromCache {
		resp.Attempts = 1 // a stack without the retry layer does not count
	}
	if !out.HeadersSeen || out.FromStore || out.FromCache {
		// A stack without the retry layer, a store or cache hit, also one
		// that answered after a URL failed (the store's stale fallback, a
		// backup's entry): the listeners hear the answer the caller gets.
		headersReceived(ctx, b.hiddenFor(hr) || b.scriptOnly(), hr.StatusCode, hr.Header)
	}
	if opt.EnableChunked {
		return c.streamed(ctx, req, hr, resp, b)
	}
	var raw []byte
	if bodiless(hr, req) {
		hr.Body.Close() // empty whatever Content-Length says
	} else if raw, err = readBounded(hr.Body, hr.ContentLength, c.maxBody); err != nil {
		if b.sealed() {
			return c.failOpaque(req, ctx, resp.Attempts, err)
		}
		return resp, c.failURL(req, ctx, err)
	}
	resp.Raw = raw
	if b.hiddenFor(hr) {
		return &Response{Attempts: resp.Attempts, ErrMsg: msgOK}, nil // fetch's opaque response has no URL either
	}
	if b.scriptOnly() {
		// A no-cors <script> load of another origin: its payload alone.
		r, err := c.decodeAnswer(req, ctx, resp, hr, out, b, raw)
		if err != nil {
			return c.failOpaque(req, ctx, resp.Attempts, err)
		}
		storeDecoded(call)
		return scriptPayload(r), nil
	}
	r, err := c.decodeAnswer(req, ctx, resp, hr, out, b, raw)
	if err == nil {
		storeDecoded(call)
	}
	return r, err
}

// storeDecoded writes the answer the store layer held until the call
// decoded it (Settings.StoreOnceDecoded: a typed call's).
func storeDecoded(call *middleware.Call) {
	if call != nil && call.Settings.StoreOnceDecoded {
		call.StorePending()
	}
}

// decodeAnswer decodes raw, the body of hr, into resp, the call's answer.
func (c *Client) decodeAnswer(req *http.Request, ctx context.Context, resp *Response, hr *http.Response, out middleware.Outcome, b *built, raw []byte) (*Response, error) {
	if body, v := out.DecodedBody, out.Decoded; body != nil && sameBytes(body, raw) && (b.decoder.typed == nil || ok2xx(hr.StatusCode) && v != nil) {
		// (A typed call's nil is a body that may be no T, which a
		// DataCheck accepted: decoded again below, its error the call's.)
		resp.Data = v
		return resp, nil
	}
	var fatal error
	if b.decoder.jsonp != "" && !out.Checked && !resp.FromStore && !resp.FromCache {
		// A stack without the retry layer did not check the attempt: check
		// the answer here. (Stored and cached bodies are payloads already.)
		if raw, fatal = encoders.CheckJSONPAnswer(hr.StatusCode, hr.Header, raw, attemptCallback(hr.Request, b.decoder.jsonp)); fatal != nil {
			return resp, c.failURL(req, ctx, fatal)
		}
		resp.Raw = raw
	}
	decode := b.decoder.decode
	if resp.FromStore {
		decode = b.decoder.decodeStored
	}
	resp.Data, resp.DecodeErr, fatal = decode(raw, hr.StatusCode)
	resp.DecodeErr = codedBodyError(req.Header, hr.Header, resp.DecodeErr)
	if fatal != nil {
		fatal = codedBodyError(req.Header, hr.Header, fatal)
		var se *StatusError
		if errors.As(fatal, &se) {
			se.URL, se.Header = credential.String(resp.URL), hr.Header
		}
		return resp, c.failURL(req, ctx, fatal)
	}
	return resp, nil
}

// taskHeard is what a Task's call knows of its header listeners: whether
// the stack has answered the call (they are told nothing after), and the
// panic one of them raised.
type taskHeard struct {
	answered atomic.Bool
	panicked atomic.Pointer[any]
}

// failOpaque fails a call whose answer is opaque to its caller (see
// built.hidden): a no-cors failure is as opaque as its success, nothing of
// what the server answered in the Response or the error.
func (c *Client) failOpaque(req *http.Request, ctx context.Context, attempts int, err error) (*Response, error) {
	return &Response{Attempts: attempts}, c.failURL(req, ctx, &opaqueError{err})
}

func ok2xx(status int) bool { return status >= 200 && status <= 299 }

// lastResponse is the Response of a failed call: the status, header and
// data of the last response that arrived, if one did (a DataCheck
// rejection, a body that broke, a URL failed over from). A body no layer
// decoded is decoded as the call's answer would be (a typed call's
// non-2xx has no Data: the error says the status).
func lastResponse(call *middleware.Call, d *decoder) *Response {
	resp := &Response{Attempts: call.Attempts()}
	if last, ok := call.Last(); ok {
		resp.StatusCode, resp.Header, resp.URL = last.StatusCode, last.Header, responseURL(last.URL)
		resp.Cookies = (&http.Response{Header: last.Header}).Cookies()
		resp.Raw, resp.Data = last.Body, last.Decoded
		if last.Decoded == nil && last.Body != nil {
			resp.Data, resp.DecodeErr, _ = d.decode(last.Body, last.StatusCode)
		}
	}
	return resp
}

// answeredURL is the URL of the request that got hr, without its fragment
// (responseURL): the transport says,
// else the backup layer's record, else the request sent. b (nil for none)
// saves formatting the built URL again.
func answeredURL(hr *http.Response, call *middleware.Call, req *http.Request, b *built) string {
	switch {
	case hr.Request != nil && hr.Request.URL != nil:
		return responseURL(b.answered(hr.Request.URL))
	case call.AnsweredURL() != "":
		return responseURL(call.AnsweredURL())
	case req != nil:
		return responseURL(b.answered(req.URL))
	}
	return ""
}

// responseURL is the URL text u as fetch's Response.url serializes
// it (Response.URL): without its fragment (no part of what answered, nor sent; a
// redirect's hop shows none either) and without userinfo (fetch refuses a
// URL with credentials; here they went as Authorization, and a password in
// Response.URL would reach whatever prints the response).
func responseURL(u string) string {
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	return withoutUserinfo(u)
}

// withoutUserinfo cuts the userinfo out of a URL's text, as url.URL.String
// writes it (an "@", "/" or "?" in userinfo escaped): the authority ends at
// the first "/", "?" or "#" after "//", its userinfo at the last "@" before.
func withoutUserinfo(u string) string {
	if strings.IndexByte(u, '@') < 0 {
		return u // the usual URL: no userinfo, nothing to cut
	}
	scheme, rest, ok := strings.Cut(u, "//")
	if !ok || !strings.HasSuffix(scheme, ":") || strings.ContainsAny(scheme, "/?") {
		return u // no authority
	}
	authority := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		authority = rest[:i]
	}
	at := strings.LastIndexByte(authority, '@')
	if at < 0 {
		return u
	}
	return scheme + "//" + rest[at+1:]
}

// sameBytes reports whether a and b are the same slice, as when a layer
// buffered the body and handed it up.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// readBounded reads and closes body, failing beyond limit bytes. A body
// that a layer buffered is taken without a copy. A body that is too large is
// closed unread, so its connection is dropped, not reused in a bad state.
func readBounded(body io.ReadCloser, length, limit int64) ([]byte, error) {
	defer body.Close()
	if bb, ok := body.(interface{ Bytes() []byte }); ok {
		b := bb.Bytes()
		if int64(len(b)) > limit {
			return nil, fmt.Errorf("%w (%d bytes)", ErrResponseTooLarge, limit)
		}
		return b, nil
	}
	return middleware.ReadAll(body, length, limit)
}

// bodiless reports whether hr has no body by definition (a response to a
// HEAD, a 1xx, 204, 205 or 304); the method is that of the request that got
// it.
func bodiless(hr *http.Response, req *http.Request) bool {
	m := req.Method
	if hr.Request != nil {
		m = hr.Request.Method
	}
	return middleware.Bodiless(m, hr.StatusCode)
}

// fail wraps an error of opt that no request's error carries: one before
// any request was made, an abort, an interceptor's own, an event stream's.
func (c *Client) fail(opt *Option, err error) error {
	var u *url.URL
	if c != nil && c.stack != nil && c.optErr == nil {
		u, _, _ = c.resolveShared(opt.URL) // only read; nil when it does not resolve
	}
	return &Error{Method: MethodText(opt.Method), URL: c.failedURL(opt.URL), Err: err, headers: c.credNames(),
		echoes: c.echoesOf(opt.Header, u)}
}

// failURL wraps an error of req; an abort shows as ErrAbort.
func (c *Client) failURL(req *http.Request, ctx context.Context, err error) error {
	if ue := (*url.Error)(nil); errors.As(err, &ue) {
		err = redactedCause(ue.Err, c.credNames())
	} else {
		// The transport's own words may quote a secret too, or bytes of
		// another request's answer (net/http's "malformed HTTP response").
		err = redactedCause(err, c.credNames())
	}
	if cause := context.Cause(ctx); cause != nil && !errors.Is(err, cause) {
		err = fmt.Errorf("%w: %w", cause, err)
	}
	// A server's words quoted in it (a header line net/http refuses) may
	// echo the request's credentials under a name no rule knows: Err's own
	// text is redacted too (errors.Is and As see its chain).
	echoes := c.echoesOf(req.Header, req.URL)
	return &Error{Method: req.Method, URL: credential.URL(req.URL), Err: credential.RedactEchoedError(err, echoes),
		headers: c.credNames(), echoes: echoes}
}

// redactedCause is the cause the http.Client gave, with its text redacted
// when it quotes a secret: net/http's own errors quote a URL whole (a
// Location that does not parse), and Error.Err is a field callers log. A
// plain text error (errors.New, fmt.Errorf without %w), made for this
// failure and matched by no errors.Is or errors.As, is replaced by its
// redacted text; any other is wrapped, keeping its type and chain.
func redactedCause(err error, names []string) error {
	if err == nil {
		return nil
	}
	text := credential.Keys(nil).ErrorNaming(err, names)
	switch {
	case text == err.Error():
		return err
	case reflect.TypeOf(err) == plainErrorType:
		return errors.New(text)
	}
	return credential.RedactErrorNaming(err, names)
}

// plainErrorType is the type of errors.New's errors.
var plainErrorType = reflect.TypeOf(errors.New(""))

// askedUpgrade reports whether the request that got a 101 asked for it: the
// client's, or the one a layer sent (a layer may make the handshake).
func askedUpgrade(req *http.Request, hr *http.Response) bool {
	return req.Header.Get("Upgrade") != "" || hr.Request != nil && hr.Request.Header.Get("Upgrade") != ""
}
