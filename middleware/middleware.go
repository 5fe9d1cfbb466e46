package middleware

import "net/http"

// Middleware wraps a RoundTripper with one layer of behaviour. A Middleware
// must honour the http.RoundTripper contract: it never mutates the caller's
// request (it clones or shallow-copies it), it returns err == nil whenever a
// response was obtained, and it closes every response body it does not hand
// back. The RoundTripper it returns must be safe for concurrent use, as
// every http.RoundTripper must.
type Middleware func(next http.RoundTripper) http.RoundTripper

// RoundTripperFunc adapts a function to http.RoundTripper. It is as safe
// for concurrent use as the function is.
type RoundTripperFunc func(*http.Request) (*http.Response, error)

// RoundTrip calls f(req).
func (f RoundTripperFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

// Chain wraps base with the layers in order: the first layer is the outermost,
// the one a request meets first and a response meets last. A nil base means
// http.DefaultTransport; nil layers are skipped, and so is a layer that
// returns nil (the layers outside it wrap what is below it, rather than
// reading nil as http.DefaultTransport and dropping base without a word).
//
// Chain(t, a, b, c) is a(b(c(t))): a request flows a → b → c → t and the
// response flows back t → c → b → a.
func Chain(base http.RoundTripper, layers ...Middleware) http.RoundTripper {
	rt := Base(base)
	for i := len(layers) - 1; i >= 0; i-- {
		if layers[i] != nil {
			if next := layers[i](rt); next != nil {
				rt = next
			}
		}
	}
	return rt
}

// Base returns rt, or http.DefaultTransport when rt is nil: the one place
// where a layer's nil base gets its default. A nil *http.Transport or
// RoundTripperFunc in rt is nil too (its RoundTrip would panic: the typed
// nil of a transport built only on some path).
func Base(rt http.RoundTripper) http.RoundTripper {
	switch t := rt.(type) {
	case nil:
		return http.DefaultTransport
	case *http.Transport:
		if t == nil {
			return http.DefaultTransport
		}
	case RoundTripperFunc:
		if t == nil {
			return http.DefaultTransport
		}
	}
	return rt
}
