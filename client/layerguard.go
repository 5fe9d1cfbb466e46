package client

import (
	"net/http"
	"reflect"
	"strings"

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
