package reqlog

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/internal/optiontext"
	"github.com/taroreq/taroreq/middleware"
)

// New returns a RoundTripper that writes one record to logger per request
// it sends through base, when the response headers arrive or the attempt
// fails: method, url, attempt (the Call's count, when the request has a
// Call), status, duration and error. A nil base means http.DefaultTransport;
// a nil logger means slog.Default() at the time of each request. It is
// safe for concurrent use.
func New(base http.RoundTripper, logger *slog.Logger, opts ...Option) http.RoundTripper {
	return &transport{base: middleware.Base(base), logger: logger, cfg: newConfig("taroreq attempt", opts)}
}

// Middleware is New as a middleware.Middleware.
func Middleware(logger *slog.Logger, opts ...Option) middleware.Middleware {
	return func(next http.RoundTripper) http.RoundTripper { return New(next, logger, opts...) }
}

type transport struct {
	base   http.RoundTripper
	logger *slog.Logger
	cfg    config
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := middleware.CheckRequest(req); err != nil {
		return nil, err
	}
	start := time.Now()
	ctx := req.Context()
	call := middleware.CallFrom(ctx)
	call.Visit("log")
	resp, err := middleware.RoundTrip(t.base, req)
	l := t.logger
	if l == nil {
		l = slog.Default()
	}
	status := 0
	if err == nil {
		status = resp.StatusCode
	}
	level := t.cfg.levelFor(status, err)
	if !l.Enabled(ctx, level) {
		return resp, err
	}
	attrs := make([]slog.Attr, 0, 8)
	// A method net/http refuses to send ("GET tok") is named as the
	// client's errors name it: what was written there may be a secret.
	attrs = append(attrs, slog.String("method", optiontext.SentMethod(req.Method)), slog.String("url", t.cfg.keys.URL(req.URL)))
	if n := call.Attempts(); n > 0 {
		attrs = append(attrs, slog.Int("attempt", n))
	}
	if err == nil {
		attrs = append(attrs, slog.Int("status", status))
	}
	attrs = append(attrs, slog.Duration("duration", time.Since(start)))
	if err != nil {
		// A server's words quoted in the error may echo the request's
		// credentials under any name (X-Echo: v=<key>): replaced too.
		names := middleware.CredentialHeaderNames(req.Context())
		attrs = append(attrs, slog.String("error", credential.RedactEchoedText(
			t.cfg.keys.ErrorNaming(err, t.cfg.errNames(names)), credential.RequestEchoes(req.Header, req.URL, names))))
	}
	if t.cfg.headers {
		extra := middleware.CredentialHeaderNames(req.Context()) // the client's WithCredentialHeaders names
		attrs = append(attrs, headerAttr("header", t.cfg.hdr.Redact(req.Header, t.cfg.keys, extra)))
		if err == nil {
			// An answer that echoes what the request sent under a name no
			// rule knows (X-Echo: key=…) has it redacted too.
			rh := t.cfg.hdr.Redact(resp.Header, t.cfg.keys, extra)
			secrets := credential.EchoedSecrets(req.Header, req.URL, extra)
			if sent := resp.Request; sent != nil && sent != req {
				// As the layers below sent it: a client's jar adds its
				// cookies below its inner layers (a session set at login).
				secrets = append(secrets, credential.EchoedSecrets(sent.Header, sent.URL, extra)...)
			}
			credential.RedactEchoes(rh, secrets)
			attrs = append(attrs, headerAttr("response_header", rh))
		}
	}
	l.LogAttrs(ctx, level, t.cfg.msg, attrs...)
	return resp, err
}

// CloseIdleConnections closes the idle connections of the transport below,
// as http.Client.CloseIdleConnections asks of its Transport.
func (t *transport) CloseIdleConnections() { middleware.CloseIdleConnections(t.base) }

// Unwrap returns the transport below the layer, which the client and the
// store and HTTP cache layers look through to find a transport that tells
// its user by the connection (a TLS client certificate).
func (t *transport) Unwrap() http.RoundTripper { return t.base }
