package client

import (
	"net/http"
	"runtime"

	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// typedDecoder replaces the generic decode: Do's decode into its T. An
// interface, not a func, so that Do's Result is the decoder without a
// closure to allocate.
type typedDecoder interface {
	decodeTyped(body []byte, status int) (any, error)
	// decodeStored is decodeTyped for a stored body, through the memo.
	decodeStored(m *decodeMemo, key string, body []byte, status int) (any, error)
	// response is where the client may write the call's Response when
	// no interceptor can call the network twice.
	response() *Response
	// setValue makes the call's Value v, or the zero T when v is no T:
	// Value is always what Data holds.
	setValue(v any)
	// decodeAside makes the decodes leave Value alone, for calls whose
	// interceptors may decode at once.
	decodeAside()
	// adopt makes v, the Data of a body not parsed as JSON (DataType not
	// json: a string; ResponseType arraybuffer: []byte), the decoded value
	// when v is a T, and reports whether it was.
	adopt(v any) (any, bool)
	// holds reports whether v's type is a T: whether adopt takes it.
	holds(v any) bool
}

type decodeKey struct{}

// decoder turns one request's body into Response.Data, the same way for the
// final response, DataCheck and StoreCheck. A JSONP body is unwrapped before
// it gets here, per attempt (Settings.AttemptCheck), so every one of them
// sees the payload, and so does the store.
type decoder struct {
	dataType, responseType string
	jsonp                  string       // the callback name; "" when not JSONP
	typed                  typedDecoder // Do's decode into T
	memo                   *decodeMemo  // the client's, for stored bodies
	memoKey                string       // the store key; "" for none
}

// parsesJSON reports whether the call's Data is the body's JSON: a typed
// call's, a JSONP call's, or one with DataType json and no arraybuffer
// ResponseType. Only then has the data a field for Taro's sign check.
//
// A typed call whose T takes the body's text or bytes as they are (Do[string]
// with DataType text, Do[[]byte] with ResponseType arraybuffer, Do[any])
// parses no JSON, as Request's Data for those options: it has no field for
// the check either.
func (d *decoder) parsesJSON() bool {
	switch {
	case d.jsonp != "" || !d.raw():
		return true
	case d.typed == nil:
		return false
	case d.responseType == encoders.ResponseTypeArrayBuffer:
		return !d.typed.holds([]byte(nil))
	}
	return !d.typed.holds("")
}

// raw reports whether DataType or ResponseType say the body is no JSON (a
// JSONP call's payload is).
func (d *decoder) raw() bool {
	return d.jsonp == "" && (d.responseType == encoders.ResponseTypeArrayBuffer || d.dataType != "" && d.dataType != encoders.DataTypeJSON)
}

// jsonpCheck is the per-attempt check of a JSONP request (nil for others).
func (d *decoder) jsonpCheck() func(*http.Response, []byte) ([]byte, error) {
	if d.jsonp == "" {
		return nil
	}
	name := d.jsonp
	return func(hr *http.Response, body []byte) ([]byte, error) {
		if hr.StatusCode == http.StatusNotModified && conditional(hr.Request) {
			// The HTTP cache above revalidates its entry, a payload already.
			return body, nil
		}
		return encoders.CheckJSONPAnswer(hr.StatusCode, hr.Header, body, attemptCallback(hr.Request, name))
	}
}

// attemptCallback is the callback an attempt's script calls: the first
// callback parameter of the URL it was sent to (a backup's own name, as
// jsonp-retry uses it), else the call's name. A redirect's hop asks for
// the script its first request named.
func attemptCallback(req *http.Request, name string) string {
	for req != nil && req.Response != nil && req.Response.Request != nil {
		req = req.Response.Request
	}
	if req != nil && req.URL != nil {
		if v, _, _, ok := callbackParam(req.URL.RawQuery); ok && v != "?" {
			return v
		}
	}
	return name
}

// conditional reports whether req carries validators, so that a 304 answers
// it.
func conditional(req *http.Request) bool {
	return req != nil && (req.Header.Get("If-None-Match") != "" || req.Header.Get("If-Modified-Since") != "")
}

// decode returns the data, a decode error that leaves the request a success
// (not JSON), and a fatal error that fails it (typed decode).
func (d *decoder) decode(body []byte, status int) (data any, decodeErr, fatal error) {
	return d.decodeFrom(body, status, false)
}

// decodeStored is decode for a body the store answered: a typed call's
// value may come from the memo.
func (d *decoder) decodeStored(body []byte, status int) (data any, decodeErr, fatal error) {
	return d.decodeFrom(body, status, true)
}

func (d *decoder) decodeFrom(body []byte, status int, stored bool) (data any, decodeErr, fatal error) {
	if d.typed != nil {
		if status < 200 || status > 299 {
			// A typed call wants a T: a non-2xx answer is an error that
			// carries the status and the start of the body.
			return nil, nil, newStatusError(status, body)
		}
		if d.raw() {
			// DataType or ResponseType say the body is no JSON: a T that
			// holds what Request's Data would (Do[string] for text,
			// Do[[]byte] for an arraybuffer) gets it; another T is
			// decoded from JSON all the same.
			if v, _ := encoders.Decode(body, status, d.dataType, d.responseType); v != nil {
				if data, ok := d.typed.adopt(v); ok {
					return data, nil, nil
				}
			}
		}
		if stored && d.memoKey != "" {
			data, fatal = d.typed.decodeStored(d.memo, d.memoKey, body, status)
		} else {
			data, fatal = d.typed.decodeTyped(body, status)
		}
		return data, nil, fatal
	}
	data, decodeErr = encoders.Decode(body, status, d.dataType, d.responseType)
	return data, decodeErr, nil
}

// settingsFor resolves opt's per-request values for the layers into *s
// (b's CallRoom's, written in place: no copy of a Settings).
func (c *Client) settingsFor(s *middleware.Settings, opt *Option, b *built) {
	*s = middleware.Settings{
		Timeout:      opt.Timeout,
		RetryTimes:   opt.RetryTimes,
		RetryPerURL:  c.retryPerURL,
		Idempotent:   opt.Idempotent,
		Backup:       b.backups,
		BackupQuery:  b.query,
		MaxBodyBytes: c.maxBody,
		Buffered:     true, // Request and Do read every body whole
		Credentials:  string(credentials(opt)),
		Origin:       c.origin,
		Mode:         string(mode(opt)),

		CredentialHeaders: c.credHeaders,
		Partition:         c.partitionFn,
		JarCookies:        c.jarCookiesFn,
		URL:               b.parts.URL,
		URLText:           b.url,
		URLRedacted:       b.redactedURL,
		OneShotBody:       b.parts.GetBody == nil && b.parts.Body != nil && b.parts.Body != http.NoBody,
	}
	s.Timeout = attemptTimeout(s.Timeout)
	switch {
	case s.RetryTimes == 0:
		s.RetryTimes = retry.DefaultRetryTimes
	case s.RetryTimes < 0:
		s.RetryTimes = 0
	}
	s.AttemptCheck = b.decoder.jsonpCheck()
	if opt.DataCheck != nil {
		s.DataCheck = c.checker(opt.DataCheck, b)
	}
	s.Cache = string(opt.Cache)
	if opt.EnableChunked {
		streamSettings(s)
		// Events' default Timeout, unless an interceptor set another.
		s.HeadersTimeoutOnly = opt.headersTimeoutOnly && (opt.Timeout == 0 || opt.Timeout == timeout.DefaultTimeout)
	}
	if opt.UseStore && b.storeKey != "" {
		s.UseStore, s.StoreKey, s.StoreHeader, s.StorePartition = true, b.storeKey, b.parts.Header, b.partition
		// A typed call's answer is stored once it decoded into a T (with a
		// DataCheck, its checker says when it did not: SetAnswerNotKept).
		s.StoreOnceDecoded = b.decoder.typed != nil && s.DataCheck == nil
		s.StoreURLText = b.url // text: a layer that edits the URL in place changes req.URL, not this
		if opt.StoreCheck != nil {
			s.StoreCheck = c.storeChecker(opt.StoreCheck, b)
		} else if !b.opaque && b.decoder.parsesJSON() {
			// (A no-cors body is opaque to Taro's sign check too, and text
			// or an ArrayBuffer has no field: with no sign, the store is
			// not read before the network.)
			s.StoreCheckKey, s.StoreSign = opt.StoreCheckKey, opt.StoreSign
		}
	}
}

// storeChecker adapts a StoreCheck of Responses to the store layer's check
// of raw bodies.
func (c *Client) storeChecker(check func(*Response) bool, b *built) func(*http.Response, []byte) bool {
	return func(hr *http.Response, body []byte) bool {
		d := &b.decoder // of b, not captured: the closure is 24 bytes, not 32
		if b.hiddenFor(hr) {
			// A no-cors answer is as opaque to the check as to the caller.
			return check(&Response{FromStore: true})
		}
		data, decErr, fatal := d.decodeStored(body, hr.StatusCode)
		if fatal != nil {
			return false
		}
		r := &Response{
			Data: data, StatusCode: hr.StatusCode, Header: hr.Header, Raw: body,
			DecodeErr: decErr, URL: answeredURL(hr, nil, nil, b), FromStore: true,
		}
		if b.scriptOnly() {
			r = scriptPayload(r) // no-cors JSONP of another origin: its payload alone
		}
		ok := check(r)
		if ok && decErr == nil && hr.Request != nil {
			// The hit hands these same bytes up: keep the value so the
			// client does not decode them a second time.
			middleware.CallFrom(hr.Request.Context()).SetDecoded(body, data)
		}
		return ok
	}
}

// checker adapts a check of Responses to the layers' check of raw bodies,
// decoding once; the decoded value travels back up with the bytes.
func (c *Client) checker(check func(*Response) bool, b *built) func(*http.Response, []byte) (bool, any) {
	return func(hr *http.Response, body []byte) (bool, any) {
		d := &b.decoder // of b, not captured: the closure is 24 bytes, not 32
		// The store's data (a hit, the fallback) is judged before the store
		// says it answered: its Request says so.
		fromStore := hr.Request != nil && middleware.StoredData(hr.Request.Context())
		// And the HTTP cache's answer (a hit, a 304's refresh, a stale
		// entry served on the origin's failure) as the caller will see it.
		fromCache := !fromStore && hr.Request != nil && middleware.CallFrom(hr.Request.Context()).FromCache()
		if b.hiddenFor(hr) {
			// A no-cors answer is as opaque to the check as to the caller.
			return check(&Response{FromStore: fromStore, FromCache: fromCache}), nil
		}
		// A typed call's non-2xx answer is the check's to judge, its Data
		// nil: nothing to decode (its StatusError is made once, later).
		var data any
		var decErr, fatal error
		if d.typed == nil || hr.StatusCode >= 200 && hr.StatusCode <= 299 {
			if data, decErr, fatal = d.decode(body, hr.StatusCode); fatal != nil {
				// A body that is no T: the check judges it as Request's
				// judges one that is not JSON, Data nil and DecodeErr
				// saying why. Accepted, the call fails with ErrDecode, as
				// it does without a check (decodeAnswer decodes it again);
				// refused, the URL failed, as the check says.
				data, decErr = nil, fatal
			}
		}
		var before uint64
		var kept [printKept]string // the strings before is of, until after is taken
		if b.storeKey != "" {
			before = answerPrint(hr.Header, body, &kept)
		}
		r := &Response{
			Data: data, StatusCode: hr.StatusCode, Header: hr.Header, Raw: body,
			DecodeErr: decErr, URL: answeredURL(hr, nil, nil, b), FromStore: fromStore, FromCache: fromCache,
		}
		if len(hr.Header["Set-Cookie"]) > 0 {
			r.Cookies = hr.Cookies() // as the caller's Response has them
		}
		if b.scriptOnly() {
			r = scriptPayload(r) // no-cors JSONP of another origin: its payload alone
		}
		ok := check(r)
		if ok && b.storeKey != "" && hr.Request != nil && (fatal != nil || answerPrint(hr.Header, body, nil) != before) {
			// The store writes an accepted answer for the key's next
			// callers (every caller without credentials shares one):
			// not one that is no T (the call fails), nor one the check
			// wrote in, the caller's, not the origin's. (Found by its
			// print, not prevented by copies: those cost every call
			// four allocations and a tenth of its time.)
			middleware.CallFrom(hr.Request.Context()).SetAnswerNotKept()
		}
		runtime.KeepAlive(&kept)
		return ok, data
	}
}

// scriptPayload is r as a scriptOnly call shows it (see built.scriptOnly):
// the payload, with the status Taro gives a JSONP success, and nothing
// else of what answered.
func scriptPayload(r *Response) *Response {
	return &Response{StatusCode: http.StatusOK, Data: r.Data, Raw: r.Raw, DecodeErr: r.DecodeErr,
		Attempts: r.Attempts, FromStore: r.FromStore, FromCache: r.FromCache, ErrMsg: r.ErrMsg}
}
