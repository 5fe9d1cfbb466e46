package client

import (
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/tracing"
)

// TestInnerCredentialsWatchOnlyLayersThatMaySetThem: the comparison of a
// call's credentials around the inner layers (two partitions and a request
// copy per attempt) is left out when every inner layer is this module's
// tracing layer wrapping the next one itself, as oteltaroreq adds it; a
// layer of yours, or one that returns the tracing layer around a
// RoundTripper of its own (which may set a token), is watched.
func TestInnerCredentialsWatchOnlyLayersThatMaySetThem(t *testing.T) {
	own := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			req = req.Clone(req.Context())
			req.Header.Set("Authorization", "Bearer user-token")
			return next.RoundTrip(req)
		})
	}
	wrapsOwn := func(next http.RoundTripper) http.RoundTripper { return tracing.New(own(next)) }
	for _, tc := range []struct {
		name  string
		inner []middleware.Middleware
		on    bool
	}{
		{"tracing", []middleware.Middleware{tracing.Middleware()}, false},
		{"tracing twice", []middleware.Middleware{tracing.Middleware(), tracing.Middleware()}, false},
		{"a layer of yours", []middleware.Middleware{own}, true},
		{"tracing and a layer of yours", []middleware.Middleware{tracing.Middleware(), own}, true},
		{"tracing around a RoundTripper of yours", []middleware.Middleware{wrapsOwn}, true},
	} {
		c := New(WithInnerLayers(tc.inner...))
		g := &innerCredentials{c: c}
		layers := append(append([]middleware.Middleware{g.above}, g.watch(guardLayers(tc.inner))...), g.below)
		middleware.Chain(http.DefaultTransport, layers...)
		if g.on != tc.on {
			t.Errorf("%s: watched %v, want %v", tc.name, g.on, tc.on)
		}
	}
}
