package retry

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/taroreq/taroreq/middleware"
)

// Defaults of the layer.
const (
	DefaultRetryTimes    = 2
	DefaultMinWait       = 100 * time.Millisecond
	DefaultMaxWait       = 2 * time.Second
	DefaultMaxRetryAfter = 10 * time.Second
)

// Option configures the layer. A nil Option, and a nil function given to
// one, mean the default.
// Options only set the configuration when it is built: one may be reused
// for several layers (a Budget given with WithBudget is then shared, as
// meant) and passed between goroutines.
// The functions given to options are called from the goroutines of the
// requests, several at once: they must be safe for concurrent use.
type Option func(*config)

type config struct {
	retryTimes    int
	policy        retryablehttp.CheckRetry
	backoff       retryablehttp.Backoff
	minWait       time.Duration
	maxWait       time.Duration
	maxRetryAfter time.Duration
	budget        *Budget
	buffer        bool
	bufferLimit   int64
	rand          func() float64
	now           func() time.Time
	wait          func(ctx context.Context, d time.Duration) error
}

func defaults() config {
	return config{
		retryTimes:    DefaultRetryTimes,
		policy:        defaultPolicy,
		backoff:       retryablehttp.DefaultBackoff,
		minWait:       DefaultMinWait,
		maxWait:       DefaultMaxWait,
		maxRetryAfter: DefaultMaxRetryAfter,
		rand:          rand.Float64,
		now:           time.Now,
		wait:          sleep,
	}
}

// defaultPolicy is go-retryablehttp's DefaultRetryPolicy as it works in an
// http.Client: that policy refuses to retry a certificate error only when it
// comes wrapped in the *url.Error an http.Client returns, and a
// RoundTripper's error never is, so a server whose certificate does not
// verify was asked again as if it had failed by chance. A certificate error
// is found anywhere in err's chain, the TLS handshake's or a proxy's. Nor
// is an https URL whose server answered in plain HTTP (the error an
// http.Client reports as http.ErrSchemeMismatch): it would answer so again.
// Nor are the other errors that policy refuses inside an http.Client's
// *url.Error, found here in a RoundTripper's error text: a request net/http
// would not send (an invalid header, a scheme it does not speak; to an
// HTTP/2 origin, a Connection or an Upgrade header) and a certificate not
// trusted fail so again. Nor is an answer whose header block is over the
// transport's limit (net/http's MaxResponseHeaderBytes), over HTTP/1 or
// HTTP/2: the server sends the same headers again, and a browser gives up
// on them too.
func defaultPolicy(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if err != nil && (isCertError(err) || isSchemeMismatch(err) || refusedAsURLError(err)) {
		return false, err
	}
	return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
}

// refusedAsURLError reports whether DefaultRetryPolicy would refuse err if
// it came inside a *url.Error, as net/http's Client wraps it (its
// schemeErrorRe, invalidHeaderErrorRe and notTrustedErrorRe; too many
// redirects is no RoundTripper's error), or whether it is any other request
// net/http refuses to send (middleware.RefusedToSend; the policy retries an
// HTTP/2 refusal of a WebSocket handshake's headers), or an answer's header
// block over the transport's limit. Each is found as
// net/http (or crypto/x509) makes it, an error of the chain whose text
// starts so: the words within another error's text (a malformed header line
// of the answer, which net/http quotes) are an answer that broke, retried.
func refusedAsURLError(err error) bool {
	if middleware.RefusedToSend(err) {
		return true
	}
	for ; err != nil; err = errors.Unwrap(err) {
		msg := err.Error()
		if strings.HasPrefix(msg, "x509: ") && strings.Contains(msg, "certificate is not trusted") ||
			strings.HasPrefix(msg, "net/http: server response headers exceeded ") || http2HeaderBlockOverLimit(msg) {
			return true
		}
	}
	return false
}

// http2HeaderBlockOverLimit reports whether msg is how net/http's HTTP/2
// transport fails an answer whose header block is over its limit: a stream
// error naming it when the block ends in the frame that passes the limit,
// else a connection PROTOCOL_ERROR (a CONTINUATION past the limit, as a
// server writing 16 KiB frames nearly always sends it). That error names
// no cause, and it is also how the transport fails a server that breaks
// HTTP/2's framing, which would break it so again; a request in flight on
// the same connection gets it too, and goes to the backup unretried. 1xx
// answers (103 Early Hints) whose header blocks pass the limit together
// fail the stream with a text of their own ("header list too large"),
// where HTTP/1 counts them in the final answer's limit.
func http2HeaderBlockOverLimit(msg string) bool {
	if msg == "connection error: PROTOCOL_ERROR" {
		return true
	}
	return strings.HasPrefix(msg, "stream error: ") &&
		(strings.HasSuffix(msg, "; http2: response header list larger than advertised limit") ||
			strings.HasSuffix(msg, "; PROTOCOL_ERROR; header list too large"))
}

// unwritableTarget reports whether req's target holds a control byte
// where net/http writes it as it is (the opaque part, the query), which
// HTTP/1 refuses to write and HTTP/2 refuses as a :path.
func unwritableTarget(req *http.Request) bool {
	if req.URL == nil {
		return false
	}
	for _, s := range [...]string{req.URL.Opaque, req.URL.RawQuery} {
		for i := 0; i < len(s); i++ {
			if s[i] < ' ' || s[i] == 0x7f {
				return true
			}
		}
	}
	return false
}

// lengthWithoutBody reports whether req announces a body it does not have
// (a ContentLength with a nil Body or http.NoBody), which net/http refuses
// to send ("http: Request.ContentLength=5 with nil Body").
func lengthWithoutBody(req *http.Request) bool {
	return req.ContentLength > 0 && (req.Body == nil || req.Body == http.NoBody)
}

func isSchemeMismatch(err error) bool {
	var rh tls.RecordHeaderError
	return errors.As(err, &rh) && string(rh.RecordHeader[:]) == "HTTP/"
}

func isCertError(err error) bool {
	var cve *tls.CertificateVerificationError
	var ua x509.UnknownAuthorityError
	var he x509.HostnameError
	var ci x509.CertificateInvalidError
	return errors.As(err, &cve) || errors.As(err, &ua) || errors.As(err, &he) || errors.As(err, &ci)
}

// fillDefaults puts the default back where an option set a nil function.
func (c *config) fillDefaults() {
	d := defaults()
	if c.policy == nil {
		c.policy = d.policy
	}
	if c.backoff == nil {
		c.backoff = d.backoff
	}
	if c.rand == nil {
		c.rand = d.rand
	}
	if c.now == nil {
		c.now = d.now
	}
	if c.wait == nil {
		c.wait = d.wait
	}
}

// WithRetryTimes sets the retries after the first attempt for requests that
// carry no middleware.Settings (default 2). Zero or negative means none
// (where client.Option.RetryTimes 0 means the default).
func WithRetryTimes(n int) Option { return func(c *config) { c.retryTimes = max(n, 0) } }

// WithPolicy replaces the decision of what to retry (go-retryablehttp's
// DefaultRetryPolicy, which retries no certificate error; also when p is
// nil). The method-safety rule and
// middleware.ErrNoRetry still apply on top of it.
func WithPolicy(p retryablehttp.CheckRetry) Option { return func(c *config) { c.policy = p } }

// WithFailure replaces what counts as a failed attempt, one to retry, by a
// predicate of the shape breaker.WithFailure and backup.WithFailure take
// (Failed is one); nil means the default policy. It is WithPolicy of f: f
// decides alone (the default's refusal to retry a certificate error goes
// with it), and the method-safety rule and middleware.ErrNoRetry still
// apply on top. f is not called once the request's context has ended.
func WithFailure(f func(*http.Response, error) bool) Option {
	return func(c *config) {
		c.policy = nil
		if f != nil {
			c.policy = func(ctx context.Context, resp *http.Response, err error) (bool, error) {
				if ctx.Err() != nil {
					return false, ctx.Err()
				}
				return f(resp, err), nil
			}
		}
	}
}

// WithBackoff replaces the backoff before retry n, b(min, max, n-1, nil)
// (default, and nil b: go-retryablehttp's DefaultBackoff, min doubled n-1
// times up to max), and its bounds (default DefaultMinWait and
// DefaultMaxWait). The wait is jittered below the backoff: half of it, plus
// a random part of the other half (equal jitter). A Retry-After the server
// sent takes its place whatever b is (see WithMaxRetryAfter).
// Zero bounds (a negative one is read as zero) retry without waiting; a wait
// b returns below zero is no wait either.
func WithBackoff(b retryablehttp.Backoff, min, max time.Duration) Option {
	min, max = nonNegative(min), nonNegative(max)
	return func(c *config) { c.backoff, c.minWait, c.maxWait = b, min, max }
}

// WithMaxRetryAfter caps the wait a server may ask for with Retry-After
// (default 10s). A longer one stops the retries with ErrRetryAfter. Zero
// (a negative cap is read as zero) accepts no wait: a Retry-After that asks
// for one stops the retries, Retry-After: 0 is retried at once.
func WithMaxRetryAfter(d time.Duration) Option {
	return func(c *config) { c.maxRetryAfter = nonNegative(d) }
}

// nonNegative reads a negative duration as zero.
func nonNegative(d time.Duration) time.Duration { return max(d, 0) }

// WithBudget throttles retries with a Budget shared by every request of the
// layer. Off by default.
func WithBudget(b *Budget) Option { return func(c *config) { c.budget = b } }

// WithBufferedBodies makes the layer read each answer's body whole inside
// its attempt, up to limit bytes (zero or negative: the default bound,
// middleware.DefaultMaxBodyBytes), for requests that carry no
// middleware.Settings (those carry Settings.Buffered). A body that stalls
// past the attempt's timeout or is cut short is then a failed attempt like
// any other; one over the bound is an error matching middleware.ErrTooLarge,
// not retried. Off by default: the body is the caller's to read.
func WithBufferedBodies(limit int64) Option {
	return func(c *config) {
		c.buffer, c.bufferLimit = true, limit
		if limit <= 0 {
			c.bufferLimit = middleware.DefaultMaxBodyBytes
		}
	}
}

// WithRand sets the source of jitter, a function returning [0,1) (nil:
// math/rand/v2's Float64). Requests call it at once: a *rand.Rand's
// Float64 is not safe for that without a lock.
func WithRand(f func() float64) Option { return func(c *config) { c.rand = f } }

// WithClock sets the clock used to compare waits with the deadline and to
// read Retry-After dates (nil: time.Now), as every package's WithClock does.
// The wait between attempts is set apart, with WithSleep.
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithSleep sets the function that waits between attempts; it must return
// early with the context's cause when the context ends (nil: a timer).
// Tests pass one that returns at once.
func WithSleep(wait func(ctx context.Context, d time.Duration) error) Option {
	return func(c *config) { c.wait = wait }
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return context.Cause(ctx)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-t.C:
		return nil
	}
}

// retryAfter returns the wait a Retry-After header of resp asks for
// (RFC 9110 §10.2.3), measured from now: delay-seconds, or an HTTP-date in
// any of its three forms (a date in the past asks for no wait). A number of
// seconds too large for a Duration is the longest Duration, longer than any
// cap, never a wrapped-around short wait. Anything else (a negative number,
// garbage) is no Retry-After at all.
func retryAfter(resp *http.Response, now time.Time) (time.Duration, bool) {
	if resp == nil {
		return 0, false
	}
	v := strings.TrimSpace(resp.Header.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if strings.Trim(v, "0123456789") == "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil || n > uint64(math.MaxInt64/time.Second) {
			return math.MaxInt64, true // only digits: the error is a range error
		}
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true // Sub saturates: no overflow either
	}
	return 0, false
}
