package tracing_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/tracing"
)

// TestNilOptions: a nil Option, or a nil provider or propagator given to
// one, means the default (the otel globals): no panic.
func TestNilOptions(t *testing.T) {
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("ok")), Request: r}, nil
	})
	for name, o := range map[string]tracing.Option{
		"nil Option":              nil,
		"WithTracerProvider(nil)": tracing.WithTracerProvider(nil),
		"WithMeterProvider(nil)":  tracing.WithMeterProvider(nil),
		"WithPropagators(nil)":    tracing.WithPropagators(nil),
	} {
		rt := middleware.Chain(base, tracing.RequestMiddleware(o), tracing.Middleware(o))
		req, _ := http.NewRequest("GET", "http://stub.test/", nil)
		resp, err := rt.RoundTrip(req)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(b) != "ok" {
			t.Errorf("%s: body %q", name, b)
		}
		tracing.BreakerStateObserver(nil, o)("k", 0, 2) // nil next: nothing to call
	}
}
