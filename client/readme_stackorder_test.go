package client_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware"
)

// README (Composing middleware): the default stack with every bracketed
// layer added, outermost first:
//
//	[outer] → store → backup → datacheck → [httpcache] → retry → breaker → timeout → [extra] → transport
//
// A layer of WithOuterLayers sees no layer before it; one of WithInnerLayers
// sees them all, the HTTP cache between datacheck and retry.
func TestReadmeStackOrderWithTheBracketedLayers(t *testing.T) {
	srv := faultserver.New(t, faultserver.OK(`{}`))
	var outer, inner []string
	probe := func(into *[]string) middleware.Middleware {
		return func(next http.RoundTripper) http.RoundTripper {
			return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
				*into = append([]string{"seen"}, middleware.CallFrom(r.Context()).Layers()...)
				return next.RoundTrip(r)
			})
		}
	}
	c := client.New(client.WithOuterLayers(probe(&outer)), client.WithHTTPCache(), client.WithInnerLayers(probe(&inner)))
	if _, err := c.Request(middleware.WithLayerTrace(context.Background()), client.Option{URL: srv.URL}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(outer, " → "); got != "seen" {
		t.Errorf("the outer layer saw %q before it, want none", got)
	}
	if got, want := strings.Join(inner, " → "), "seen → store → backup → datacheck → httpcache → retry → breaker → timeout"; got != want {
		t.Errorf("the inner layer saw %q, want %q", got, want)
	}
}
