package middleware

import (
	"context"
	"net/http"
	"strings"

	"github.com/taroreq/taroreq/internal/credential"
)

type taintedOriginKey struct{}

// WithTaintedOrigin marks ctx, a redirect hop's, with fetch's tainted
// origin flag (a redirect of its chain went from another origin than the
// client's to yet another): a cors hop's Origin is then "null".
func WithTaintedOrigin(ctx context.Context) context.Context {
	return context.WithValue(ctx, taintedOriginKey{}, true)
}

// TaintedOrigin reports whether ctx was marked by WithTaintedOrigin, and
// not since by WithoutRedirectChain.
func TaintedOrigin(ctx context.Context) bool {
	v, _ := ctx.Value(taintedOriginKey{}).(bool)
	return v && !OutsideRedirectChain(ctx)
}

type outsideChainKey struct{}

// WithoutRedirectChain returns ctx, made from a redirect hop's, for a
// request that is no hop of that chain but one of its own: a backup the
// backup layer sends for a URL that failed on a hop (it fails over below
// the client that follows redirects). What the chain marked the hop's
// context with applies no more: fetch's tainted origin flag
// (WithTaintedOrigin), and a client's marks that the chain left the first
// origin or the client's (its credential headers and, under Credentials
// same-origin, its jar are not sent on the rest of it). A backup is a new
// request of the call, as Taro's is a new fetch; its own redirects are a
// chain of their own.
func WithoutRedirectChain(ctx context.Context) context.Context {
	return context.WithValue(ctx, outsideChainKey{}, true)
}

// OutsideRedirectChain reports whether ctx was marked by
// WithoutRedirectChain: the marks of a redirect chain found in it are of
// the hop it was made from, not of its request. (A hop's context is made
// afresh from its first request's, so that a chain's marks are never
// below this one.)
func OutsideRedirectChain(ctx context.Context) bool {
	v, _ := ctx.Value(outsideChainKey{}).(bool)
	return v
}

// SentOrigin returns the Origin header a client's bottom layer puts on
// req, in place of any, as fetch sends it under Mode cors: the client's
// origin on a request to another origin, "null" on a hop after a tainting
// redirect (WithTaintedOrigin), "" when it puts none (another mode, a
// same-origin request, a request of no call). A layer above it that keys
// by an Origin (a response's Vary) uses this one.
func SentOrigin(req *http.Request) string {
	call := CallFrom(req.Context())
	if call == nil {
		return ""
	}
	return SentOriginOf(req, call)
}

// SentOriginOf is SentOrigin for req of call.
func SentOriginOf(req *http.Request, call *Call) string {
	origin := call.Settings.Origin
	if call.Settings.Mode != "cors" || origin == "" {
		return ""
	}
	if TaintedOrigin(req.Context()) {
		return "null"
	}
	if credential.Origin(req.URL) == origin {
		return ""
	}
	// The origin as fetch serializes it: without a scheme's default port.
	switch {
	case strings.HasPrefix(origin, "http://"), strings.HasPrefix(origin, "ws://"):
		return strings.TrimSuffix(origin, ":80")
	case strings.HasPrefix(origin, "https://"), strings.HasPrefix(origin, "wss://"):
		return strings.TrimSuffix(origin, ":443")
	}
	return origin
}

type passedOnKey struct{}

// WithPassedOn marks ctx, another client's call that a client's Transport()
// carries into its own stack: that stack's backup layer leaves the call's
// Backup list to the calling client's, which tries it itself. Tried below
// too, a backup's answer would come back as the request's own: its URL,
// its cookies filed under the request's origin, its attempts counted twice.
func WithPassedOn(ctx context.Context) context.Context {
	return context.WithValue(ctx, passedOnKey{}, true)
}

// PassedOn reports whether ctx was marked by WithPassedOn.
func PassedOn(ctx context.Context) bool {
	v, _ := ctx.Value(passedOnKey{}).(bool)
	return v
}
