package client

import (
	"context"
	"net/http"
	"reflect"
	"strings"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
)

// guardLayers returns ms with each layer's RoundTripper checked for the
// (nil, nil) answer, and a nil Body, the RoundTripper contract forbids: a caller's layer
// that gives it would otherwise make the layer above it panic. net/http
// checks its transport's answer so; the client checks every layer it was
// given, since its own layers sit above them. Layers of this module need
// no check and get none (the check would cost each attempt a call).
func guardLayers(ms []middleware.Middleware) []middleware.Middleware {
	out := make([]middleware.Middleware, 0, len(ms))
	for _, m := range ms {
		if m == nil {
			out = append(out, nil)
			continue
		}
		out = append(out, func(next http.RoundTripper) http.RoundTripper {
			rt := m(next)
			if rt == nil || ownRoundTripper(rt) {
				return rt
			}
			return nilAnswerGuard{rt}
		})
	}
	return out
}

// ownRoundTripper reports whether rt is a type of this module's that never
// answers (nil, nil): not a RoundTripperFunc, which runs a caller's code.
func ownRoundTripper(rt http.RoundTripper) bool {
	if _, ok := rt.(middleware.RoundTripperFunc); ok {
		return false
	}
	t := reflect.TypeOf(rt)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return strings.HasPrefix(t.PkgPath(), "github.com/taroreq/taroreq/")
}

// nilAnswerGuard holds a caller's layer to the RoundTripper contract
// (middleware.RoundTrip): its (nil, nil) is an error, its nil Body an
// empty one. It is safe for concurrent use when the layer is.
type nilAnswerGuard struct{ layer http.RoundTripper }

func (g nilAnswerGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	return middleware.RoundTrip(g.layer, req)
}

// credentialsAboveKey is the context key of the credential partition of a
// call's request as it came to the client's inner layers.
type credentialsAboveKey struct{}

// innerCredentials returns the layers that go around the client's inner
// layers (WithInnerLayers): above records the credential partition of a
// call's request as the store and the HTTP cache keyed it (its credential
// headers as the bottom layer sends them: see sentHeader), below compares
// it with the request's once the inner layers made it, and marks the call
// (middleware.Call.SetSentOtherCredentials) when they set, changed or
// removed one: a layer that puts each user's token on the request (from
// its context) sent alice's and bob's requests under one key, without
// credentials, and bob was answered alice's data from the store or the
// cache. The partitions are of the headers alone: the jar's cookies are
// added below both.
func (c *Client) innerCredentials() (above, below middleware.Middleware) {
	part := func(req *http.Request, call *middleware.Call) string {
		return c.partitioner.Of(credential.WithUserinfo(c.sentHeader(req, call), req.URL), nil, c.credHeaders)
	}
	above = func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			call := middleware.CallFrom(req.Context())
			if call == nil {
				return next.RoundTrip(req)
			}
			return next.RoundTrip(req.WithContext(context.WithValue(req.Context(), credentialsAboveKey{}, part(req, call))))
		})
	}
	below = func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			call := middleware.CallFrom(req.Context())
			if was, ok := req.Context().Value(credentialsAboveKey{}).(string); ok && call != nil && part(req, call) != was {
				call.SetSentOtherCredentials()
			}
			return next.RoundTrip(req)
		})
	}
	return above, below
}
