package reqlog

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// Interceptor returns an option-level interceptor that writes one record to
// logger per logical request, after it ends: method, url, status,
// duration, attempts, answered_url, from_store, from_cache and, on failure,
// error and errMsg (the ErrMsg the Response will carry); url is the
// absolute URL the Option's resolves to, redacted (client.CallURL), as the
// call's errors name it. A nil logger
// means slog.Default() at the time of each request.
func Interceptor(logger *slog.Logger, opts ...Option) client.Interceptor {
	c := newConfig("taroreq request", opts)
	return func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		start := time.Now()
		resp, err := proceed(ctx, opt)
		l := logger
		if l == nil {
			l = slog.Default()
		}
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		level := c.levelFor(status, err)
		if !l.Enabled(ctx, level) {
			return resp, err
		}
		method := client.MethodText(opt.Method) // an unknown one quoted and cut, as the error names it
		attrs := make([]slog.Attr, 0, 12)
		attrs = append(attrs,
			slog.String("method", method),
			slog.String("url", c.keys.String(client.CallURL(ctx, opt.URL)))) // absolute, as answered_url
		if resp != nil {
			attrs = append(attrs,
				slog.Int("status", resp.StatusCode),
				slog.Int("attempts", resp.Attempts))
			if resp.URL != "" {
				attrs = append(attrs, slog.String("answered_url", c.keys.String(resp.URL)))
			}
			attrs = append(attrs, slog.Bool("from_store", resp.FromStore), slog.Bool("from_cache", resp.FromCache))
		}
		attrs = append(attrs, slog.Duration("duration", time.Since(start)))
		if err != nil {
			names := c.errNames(middleware.CredentialHeaderNames(ctx))
			attrs = append(attrs, slog.String("error", c.errorText(err, names)))
			attrs = append(attrs, slog.String("errMsg", "request:fail "+c.reason(err, names)))
		}
		if c.headers && opt.Header != nil {
			attrs = append(attrs, headerAttr("header", c.hdr.Redact(opt.Header, c.keys, client.CredentialHeaders(ctx))))
		}
		l.LogAttrs(ctx, level, c.msg, attrs...)
		return resp, err
	}
}

// errorText is err's text with its URLs redacted: a *client.Error carries
// the URL with its query.
func (c *config) errorText(err error, names []string) string {
	var ce *client.Error
	if !errors.As(err, &ce) {
		return c.keys.ErrorNaming(err, names)
	}
	// The request's credential values, wherever a server's words echo
	// them (ce.RedactEchoes), as the error's own text has them.
	if ce.URL != "" {
		inner := fmt.Sprintf("taroreq: %s %s: %s", ce.Method, c.keys.String(ce.URL), c.keys.ErrorNaming(ce.Err, names))
		full, own := err.Error(), ce.Error()
		if full == own {
			return ce.RedactEchoes(inner)
		}
		if i := strings.Index(full, own); i >= 0 {
			// What wraps the *client.Error, around it: an interceptor's
			// words may quote a URL of its own.
			return ce.RedactEchoes(c.keys.TextNaming(full[:i], names) + inner + c.keys.TextNaming(full[i+len(own):], names))
		}
	}
	return ce.RedactEchoes(c.keys.ErrorNaming(err, names))
}

// reason is the Taro reason of err ("abort", "timeout" or the error),
// redacted: the text after "request:fail " in the Response's ErrMsg.
func (c *config) reason(err error, names []string) string {
	var ce *client.Error
	if errors.As(err, &ce) {
		if r := ce.Reason(); r == "abort" || r == "timeout" {
			return r
		}
		return ce.RedactEchoes(c.keys.ErrorNaming(ce.Err, names))
	}
	return c.keys.ErrorNaming(err, names)
}

// headerAttr is a group of one attribute per header, values joined by ", ".
func headerAttr(key string, h http.Header) slog.Attr {
	attrs := make([]any, 0, len(h))
	for name, vs := range h {
		v := ""
		for i, s := range vs {
			if i > 0 {
				v += ", "
			}
			v += s
		}
		attrs = append(attrs, slog.String(name, v))
	}
	return slog.Group(key, attrs...)
}
