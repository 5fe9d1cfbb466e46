// Package datacheck validates whole responses (Taro.request's dataCheck).
// A rejected response means its URL failed: the backup layer above moves
// on to the next URL, and the retry layer below is not asked to try the same
// URL again.
//
// The layer reads the body (bounded), runs the check, and hands the bytes
// up in a middleware.BufferedBody together with the value the check decoded
// (middleware.Call.SetDecoded), so that nothing is read or parsed twice.
// A redirect that the client follows (middleware.Redirected) is handed up
// unchecked: the check judges the answer at the end of the hops.
package datacheck

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
)

var (
	// ErrRejected matches a response that the check refused.
	ErrRejected = errors.New("datacheck: response rejected")
	// ErrTooLarge matches a body over the bound, which cannot be checked. It
	// is middleware.ErrTooLarge (and client.ErrResponseTooLarge).
	ErrTooLarge = middleware.ErrTooLarge
)

// Check validates a response whose whole body is body. It may return the
// value it decoded, which travels up to the client. Requests call it at
// once: it must be safe for concurrent use.
type Check func(resp *http.Response, body []byte) (ok bool, decoded any)

// Option configures the layer. A nil Option means the default.
// Options only set the configuration when it is built: one may be reused
// for several layers and passed between goroutines.
// The functions given to options are called from the goroutines of the
// requests, several at once: they must be safe for concurrent use.
type Option func(*config)

type config struct {
	check   Check
	maxBody int64
}

// WithCheck sets the check for requests that carry no middleware.Settings.
// Nil, the default, checks nothing.
func WithCheck(c func(resp *http.Response, body []byte) bool) Option {
	return func(cfg *config) {
		cfg.check = nil
		if c != nil {
			cfg.check = func(r *http.Response, b []byte) (bool, any) { return c(r, b), nil }
		}
	}
}

// WithMaxBodyBytes bounds the body read for such requests (default, and
// zero or negative: middleware.DefaultMaxBodyBytes), as
// httpcache.WithMaxBodyBytes bounds the bodies that layer buffers.
func WithMaxBodyBytes(n int64) Option {
	return func(c *config) {
		c.maxBody = n
		if n <= 0 {
			c.maxBody = middleware.DefaultMaxBodyBytes
		}
	}
}

// New returns a RoundTripper that validates responses from base. A nil base
// means http.DefaultTransport. It is safe for concurrent use.
func New(base http.RoundTripper, opts ...Option) http.RoundTripper {
	c := config{maxBody: middleware.DefaultMaxBodyBytes}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	return &transport{base: middleware.Base(base), config: c}
}

// Middleware is New as a middleware.Middleware.
func Middleware(opts ...Option) middleware.Middleware {
	return func(next http.RoundTripper) http.RoundTripper { return New(next, opts...) }
}

type transport struct {
	base http.RoundTripper
	config
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := middleware.CheckRequest(req); err != nil {
		return nil, err
	}
	check, limit := t.check, t.maxBody
	call := middleware.CallFrom(req.Context())
	if call != nil {
		call.Visit("datacheck")
		check, limit = call.Settings.DataCheck, call.Settings.BodyLimit()
	}
	if check == nil {
		return t.base.RoundTrip(req)
	}
	resp, err := middleware.RoundTrip(t.base, req)
	if err != nil || middleware.Redirected(req, resp) || middleware.Switched(resp) {
		return resp, err // a redirect is a step on the way to the answer; a switched connection no data
	}
	if retry.Failed(resp, nil) && call.FailsOver() {
		// The retry rule failed this URL (its budget spent on a 503): the
		// backup layer fails over from it whatever the check says, as the
		// spec's Backup orders it. DataCheck judges answers, not failures.
		return resp, nil
	}
	if resp.Request == nil {
		resp.Request = req // BufferBody reads the method from it: a HEAD has no body
	}
	// A body that the retry layer below buffered is taken without a copy.
	body, err := middleware.BufferBody(resp, limit)
	if err != nil {
		call.SetLastFrom(req, resp)
		resp.Body.Close()
		return nil, err
	}
	ok, decoded := check(resp, body)
	if !ok {
		// The client still reports what arrived, with the error.
		call.SetLast(middleware.LastResponse{StatusCode: resp.StatusCode, Header: resp.Header,
			URL: req.URL.String(), Body: body, Decoded: decoded})
		return nil, &RejectedError{URL: credential.URL(req.URL), StatusCode: resp.StatusCode}
	}
	call.SetDecoded(body, decoded)
	return resp, nil
}

// RejectedError is a response that the check refused. It matches
// ErrRejected and middleware.ErrNoRetry, and wraps no other error. It is
// not modified once returned: safe to read from several goroutines.
type RejectedError struct {
	URL        string // redacted: no userinfo, secret query values masked
	StatusCode int    // the refused response's status
}

// Error names the URL and the status of the refused response.
func (e *RejectedError) Error() string {
	if e == nil {
		return "datacheck: response rejected (nil *datacheck.RejectedError)"
	}
	return fmt.Sprintf("datacheck: response of %s (status %d) rejected by DataCheck", e.URL, e.StatusCode)
}

// Is matches ErrRejected and middleware.ErrNoRetry.
func (e *RejectedError) Is(target error) bool {
	return target == ErrRejected || target == middleware.ErrNoRetry
}

// CloseIdleConnections closes the idle connections of the transport below,
// as http.Client.CloseIdleConnections asks of its Transport.
func (t *transport) CloseIdleConnections() { middleware.CloseIdleConnections(t.base) }

// Unwrap returns the transport below the layer, which the client and the
// store and HTTP cache layers look through to find a transport that tells
// its user by the connection (a TLS client certificate).
func (t *transport) Unwrap() http.RoundTripper { return t.base }

// WithMaxBody is WithMaxBodyBytes under its old name, from before the
// layers' body bounds got one name.
//
// Deprecated: use WithMaxBodyBytes.
func WithMaxBody(n int64) Option { return WithMaxBodyBytes(n) }
