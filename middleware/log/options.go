package reqlog

import (
	"log/slog"
	"slices"

	"github.com/taroreq/taroreq/internal/credential"
)

// Option configures the interceptor and the layer. A nil Option means the
// default.
// Options only set the configuration when it is built: one may be reused
// for several layers and passed between goroutines.
type Option func(*config)

type config struct {
	level       slog.Level
	msg         string
	headers     bool
	redactNames []string
	queryKeys   []string
	hdr         credential.Headers
	keys        credential.Keys
}

// errNames returns the header names whose quoted lines an error's text
// redacts: the client's (names) and those of WithRedactedHeaders.
func (c *config) errNames(names []string) []string {
	if len(c.redactNames) == 0 {
		return names
	}
	return append(slices.Clip(names), c.redactNames...)
}

// WithLevel sets the level of a successful request's record (default
// slog.LevelInfo). A response with a status of 400 or more is logged at
// slog.LevelWarn at least, a failed request at slog.LevelError.
func WithLevel(l slog.Level) Option { return func(c *config) { c.level = l } }

// WithMessage sets the record's message (default, and "": "taroreq request"
// for the interceptor and "taroreq attempt" for the layer).
func WithMessage(msg string) Option { return func(c *config) { c.msg = msg } }

// WithHeaders logs the request headers (and, in the layer, the response
// headers), with the secret ones redacted, and in the response headers
// the request's credentials (its URL's secret query parameters too, and
// the cookies a client's jar adds below its inner layers) wherever one
// echoes them (8 bytes or more).
func WithHeaders() Option { return func(c *config) { c.headers = true } }

// WithRedactedHeaders names headers whose values are written as "REDACTED",
// on top of Authorization, Cookie, Set-Cookie, Proxy-Authorization and the
// secret-looking names (see the package doc).
func WithRedactedHeaders(names ...string) Option {
	return func(c *config) { c.redactNames = append(c.redactNames, credential.TrimNames(names)...) }
}

// WithRedactedQueryKeys names query parameters (case-insensitive) whose
// values are written as "REDACTED", on top of the secret-looking ones; ';'
// path parameters so named too.
func WithRedactedQueryKeys(names ...string) Option {
	return func(c *config) { c.queryKeys = append(c.queryKeys, names...) }
}

func newConfig(defaultMsg string, opts []Option) config {
	c := config{level: slog.LevelInfo, msg: defaultMsg}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	if c.msg == "" {
		c.msg = defaultMsg
	}
	c.hdr = credential.NewHeaders(c.redactNames...)
	c.keys = credential.NewKeys(c.queryKeys...)
	return c
}

// level is the level of an outcome.
func (c *config) levelFor(status int, err error) slog.Level {
	switch {
	case err != nil:
		return max(c.level, slog.LevelError)
	case status >= 400:
		return max(c.level, slog.LevelWarn)
	}
	return c.level
}

// WithRedactHeaders is WithRedactedHeaders under its old name, from before
// the two redaction options got one shape (WithRedactedQueryKeys).
//
// Deprecated: use WithRedactedHeaders.
func WithRedactHeaders(names ...string) Option { return WithRedactedHeaders(names...) }
