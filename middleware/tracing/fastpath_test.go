package tracing_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	metricnoop "go.opentelemetry.io/otel/metric/noop"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	tracenoop "go.opentelemetry.io/otel/trace/noop"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/tracing"
)

// With nothing recording, the layers step aside, but a sampled-out trace
// still propagates (flags 00), and with no trace at all nothing is added.
func TestNotRecordingStillPropagates(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get("Traceparent"))
	}))
	defer srv.Close()
	never := sdktrace.NewTracerProvider(sdktrace.WithSampler(sdktrace.NeverSample()))
	for _, tc := range []struct {
		name string
		opts []tracing.Option
		want func(string) bool
	}{
		{"sampled out", []tracing.Option{tracing.WithTracerProvider(never)}, func(v string) bool {
			return strings.HasPrefix(v, "00-") && strings.HasSuffix(v, "-00")
		}},
		{"no-op", []tracing.Option{tracing.WithTracerProvider(tracenoop.NewTracerProvider())}, func(v string) bool { return v == "" }},
	} {
		got = nil
		opts := append(tc.opts, tracing.WithMeterProvider(metricnoop.NewMeterProvider()),
			tracing.WithPropagators(propagation.TraceContext{}))
		hc := &http.Client{Transport: middleware.Chain(srv.Client().Transport,
			tracing.RequestMiddleware(opts...), tracing.Middleware(opts...))}
		req, _ := http.NewRequest("GET", srv.URL, nil)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if len(got) != 1 || !tc.want(got[0]) {
			t.Errorf("%s: traceparent %q", tc.name, got)
		}
		if req.Header.Get("Traceparent") != "" {
			t.Errorf("%s: the caller's request was changed", tc.name)
		}
	}
}
