package tracing_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/taroreq/taroreq/middleware/tracing"
)

// The package doc said the attempt layer injects "W3C traceparent by
// default"; its default is otel.GetTextMapPropagator(), which propagates
// nothing until the application sets one (README: "the global default
// propagates nothing"). A layer given a recording tracer provider and no
// propagator records the attempt's span and sends no traceparent; given
// propagation.TraceContext it sends that span's. (No test of this package
// sets the global propagator.)
func TestDefaultPropagatorIsTheGlobalOneWhichSendsNothing(t *testing.T) {
	got := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.Header.Get("Traceparent")
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	for _, tc := range []struct {
		name string
		opts []tracing.Option
		want bool // a traceparent
	}{
		{"no propagator given", nil, false},
		{"TraceContext given", []tracing.Option{tracing.WithPropagators(propagation.TraceContext{})}, true},
	} {
		sr := tracetest.NewSpanRecorder()
		tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sr))
		rt := tracing.New(srv.Client().Transport, append([]tracing.Option{tracing.WithTracerProvider(tp)}, tc.opts...)...)
		req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
		resp, err := rt.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		header := <-got
		spans := sr.Ended()
		if len(spans) != 1 {
			t.Fatalf("%s: %d spans ended, want the attempt's", tc.name, len(spans))
		}
		if tc.want {
			if sc := spans[0].SpanContext(); header != "00-"+sc.TraceID().String()+"-"+sc.SpanID().String()+"-01" {
				t.Errorf("%s: traceparent %q, want the attempt span's", tc.name, header)
			}
		} else if header != "" {
			t.Errorf("%s: traceparent %q, want none (the global default propagates nothing)", tc.name, header)
		}
		tp.Shutdown(context.Background())
	}
}
