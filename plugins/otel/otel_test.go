package otel_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/plugins/otel"
)

// TestOldNamesStillInstrument: code written for the old package still gets
// a request span and an attempt span.
func TestOldNamesStillInstrument(t *testing.T) {
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{}`)), Request: r}, nil
	})
	for name, opt := range map[string]func(...otel.Option) []client.ClientOption{
		"Install": otel.Install,
		"WithOpenTelemetry": func(o ...otel.Option) []client.ClientOption {
			return []client.ClientOption{otel.WithOpenTelemetry(o...)}
		},
	} {
		sr := tracetest.NewSpanRecorder()
		tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sr))
		c := client.New(append(opt(otel.WithTracerProvider(tp)), client.WithTransport(base))...)
		if _, err := c.Request(context.Background(), client.Option{URL: "http://stub.test/"}); err != nil {
			t.Fatal(err)
		}
		if n := len(sr.Ended()); n != 2 {
			t.Errorf("%s: %d spans, want 2", name, n)
		}
		tp.Shutdown(context.Background())
	}
}
