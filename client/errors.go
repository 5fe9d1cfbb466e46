package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// Sentinel errors; every error a Client returns is an *Error that wraps one
// of these or the error of a layer or of the transport.
var (
	ErrInvalidURL    = errors.New("invalid URL")
	ErrInvalidMethod = errors.New("invalid method")
	ErrInvalidOption = errors.New("invalid option")
	ErrInvalidHeader = errors.New("invalid header")
	// ErrResponseTooLarge matches a response body over the bound
	// (WithMaxResponseBytes), whichever layer found it: it is
	// middleware.ErrTooLarge.
	ErrResponseTooLarge = middleware.ErrTooLarge
	// ErrAbort is the cause of a request ended by Task.Abort. A request
	// whose ctx is cancelled ends with the ctx's error instead
	// (errors.Is(err, context.Canceled)); its ErrMsg says
	// "request:fail abort" all the same, as Taro's for an abort.
	ErrAbort = errors.New("abort")
	// ErrDecode wraps a body that the typed call (Do) could not decode.
	ErrDecode = encoders.ErrDecode
	// ErrProtocolSwitch is a 101 Switching Protocols to a request that
	// asked for no upgrade (no Upgrade header): fetch's network error,
	// retried and failed over as one. The switched connection is closed.
	ErrProtocolSwitch = errors.New("101 Switching Protocols to a request that asked for no upgrade")
)

// unusable is the cause of a call that cannot be made at all, nil for
// none: a nil context, a Client that New did not make (nil or zero), or
// one given an option it could not take.
func (c *Client) unusable(ctx context.Context) error {
	switch {
	case c == nil || c.stack == nil:
		return fmt.Errorf("%w: nil or zero Client (make one with client.New)", ErrInvalidOption)
	case ctx == nil:
		return fmt.Errorf("%w: nil context (use context.Background())", ErrInvalidOption)
	case c.optErr != nil:
		return c.optErr
	}
	return nil
}

// failUnusable ends a call that unusable refused: an *Error, a Response
// with its ErrMsg, and the Option's callbacks, once, as any failed call.
func failUnusable(opt *Option, cause error) (*Response, error) {
	err := error(&Error{Method: MethodText(opt.Method), URL: credential.String(opt.URL), Err: cause})
	resp := &Response{ErrMsg: errMsg(err)}
	report(opt, resp, err)
	return resp, err
}

// Error describes a failed request. It is what Request, Go and Do return.
// It is not modified once returned: safe to read from several goroutines.
type Error struct {
	Method string // the request's method, as sent
	URL    string // redacted: no userinfo, secret-looking query values masked
	Err    error  // the cause; errors.Is and errors.As see through to it
	// headers are the client's WithCredentialHeaders names: a quoted
	// header line of one of them in Err's text is redacted too.
	headers []string
	// echoes are the credential values the failed request carried
	// (echoesOf): a server's words quoted in Err's text may echo them
	// under any name ("X-Echo: v=<the API key>", a Location).
	echoes []string
}

// Error is the method, the URL and the cause's text, secret query values
// in the cause's text redacted too.
func (e *Error) Error() string {
	if e == nil {
		return "taroreq: nil *client.Error"
	}
	// The cause's text may quote a URL of its own (net/http's "failed to
	// parse Location header"): its secret query values are redacted too.
	if e.URL == "" {
		return credential.RedactEchoedText(fmt.Sprintf("taroreq: %s: %s", e.Method,
			credential.Keys(nil).TextNaming(fmt.Sprint(e.Err), e.headers)), e.echoes)
	}
	msg := credential.Keys(nil).TextNaming(fmt.Sprint(e.Err), e.headers)
	// A cause that names the same URL first (a StatusError of the URL
	// asked) is not made to say it twice.
	return credential.RedactEchoedText(fmt.Sprintf("taroreq: %s %s: %s", e.Method, e.URL,
		strings.TrimPrefix(msg, e.URL+": ")), e.echoes)
}

// RedactEchoes returns s with every credential value the failed request
// carried (its credential headers', an Authorization's token, cookie
// values, the URL's password and secret-named query values, 8 bytes or
// more) replaced by REDACTED, as Error and Reason do: for a text made of
// Err another way (a log of its own), where a server's words quoted in it
// may echo them under any name.
func (e *Error) RedactEchoes(s string) string {
	if e == nil {
		return s
	}
	return credential.RedactEchoedText(s, e.echoes)
}

// Unwrap returns Err.
func (e *Error) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// Reason is the text after "request:fail " in ErrMsg: "abort" for an
// aborted or cancelled request, "timeout" for a deadline, else the error.
func (e *Error) Reason() string {
	if e == nil {
		return ""
	}
	return credential.RedactEchoedText(reasonNaming(e.Err, e.headers), e.echoes)
}

func reason(err error) string { return reasonNaming(err, nil) }

// reasonNaming is reason with the client's credential header names.
func reasonNaming(err error, headers []string) string {
	switch {
	case err == nil:
		return "" // an Error made by hand without a cause
	case errors.Is(err, ErrAbort), errors.Is(err, context.Canceled):
		return "abort"
	case errors.Is(err, timeout.ErrExceeded), errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	}
	return credential.Keys(nil).TextNaming(err.Error(), headers)
}

const msgOK = "request:ok"

// errMsg returns the Taro ErrMsg for an outcome.
func errMsg(err error) string {
	if err == nil {
		return msgOK
	}
	var e *Error
	if errors.As(err, &e) {
		return "request:fail " + e.Reason()
	}
	return "request:fail " + reason(err)
}

// opaqueError is a no-cors call's failure, as opaque as its answer would
// have been: its text tells neither a status nor a URL of the other
// origin, and errors.As finds none of the cause's details; errors.Is still
// matches the sentinels the cause matches (a timeout, an abort,
// retry.ErrExhausted).
type opaqueError struct{ err error }

func (e *opaqueError) Error() string {
	return "failed (mode no-cors: what answered is opaque)"
}

func (e *opaqueError) Is(target error) bool { return errors.Is(e.err, target) }

// credNames is c's WithCredentialHeaders names, nil for a nil Client.
func (c *Client) credNames() []string {
	if c == nil {
		return nil
	}
	return c.credHeaders
}

// failedURL is the URL an error of the call to raw names: the absolute URL
// it resolves to, redacted, as the errors of its requests name theirs
// (failURL); a relative "/x" alone would not say which origin failed, and
// two errors of one call would name it apart. A URL that does not resolve
// (the cause, maybe, or a Client that cannot resolve) is named as written,
// redacted as such.
// interceptingKey holds, in the context a client hands its interceptors,
// that client (CallURL).
type interceptingKey struct{}

// CallURL returns raw, an Option URL, as the errors of a call name it: the
// absolute URL the client whose interceptors were handed ctx resolves it to
// (against its WithBaseURL), redacted (no userinfo, secret query values
// REDACTED), so that an interceptor writing the URL out (a log) says which
// origin it was. Elsewhere (a context no client's interceptor was handed), or
// when raw does not resolve, it is raw redacted.
func CallURL(ctx context.Context, raw string) string {
	c, _ := ctx.Value(interceptingKey{}).(*Client)
	return c.failedURL(raw)
}

func (c *Client) failedURL(raw string) string {
	if c == nil || c.stack == nil || c.optErr != nil {
		return credential.String(raw)
	}
	u, _, err := c.resolveShared(raw)
	if err != nil {
		return credential.String(raw)
	}
	return credential.URL(u)
}

// echoesOf is what of a failed request's credentials its error's text
// must not show, wherever a server's words quoted in it echo them: the
// values of h's credential headers (the client's names too), an
// Authorization's credentials, cookie values (h's and the jar's for u),
// u's password and its secret-named query values, 8 bytes or more
// (credential.EchoedSecrets). Made only when a call fails: a call that
// succeeds pays nothing.
func (c *Client) echoesOf(h http.Header, u *url.URL) []string {
	if c == nil {
		return nil
	}
	out := credential.RequestEchoes(h, u, c.credHeaders)
	if c.jar != nil && u != nil && u.Host != "" && (u.Scheme == "http" || u.Scheme == "https") {
		for _, ck := range c.jar.Cookies(u) {
			out = credential.EchoedValues(out, ck.Value)
		}
	}
	return out
}
