package middleware

import (
	"context"
	"net/http"
	"strings"
)

// Personal reports whether a response header field is meant for the one
// client that got it: a Set-Cookie hands a session over. Stores and caches
// hand the response that carried it to its caller whole, and keep copies
// without it (Impersonal), so that a stored answer never replays one
// caller's cookie to the next caller it serves.
func Personal(name string) bool {
	if len(name) != 10 && len(name) != 11 { // the usual field is decided here
		return false
	}
	return strings.EqualFold(name, "Set-Cookie") || strings.EqualFold(name, "Set-Cookie2")
}

// Impersonal returns h without its Personal fields: h itself when it has
// none, else a copy that shares the other fields' values.
func Impersonal(h http.Header) http.Header {
	for k := range h {
		if Personal(k) {
			out := make(http.Header, len(h))
			for k, vs := range h {
				if !Personal(k) {
					out[k] = vs
				}
			}
			return out
		}
	}
	return h
}

type withoutCredentialsKey struct{}

// WithoutCredentials marks ctx for a request that must carry no credential
// header (a backup on another origin): a client's bottom layer strips them
// from it, whatever a layer below the marking one (WithInnerLayers) set
// again. A plain http.Client has no such bottom layer.
func WithoutCredentials(ctx context.Context) context.Context {
	return context.WithValue(ctx, withoutCredentialsKey{}, true)
}

// CredentialsForbidden reports whether ctx was marked by WithoutCredentials.
func CredentialsForbidden(ctx context.Context) bool {
	v, _ := ctx.Value(withoutCredentialsKey{}).(bool)
	return v
}
