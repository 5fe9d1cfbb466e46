package tracing_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/tracing"
)

// A request span outermost, the retry layer, and a span per attempt just
// above the transport: a 503 then a 200 give one request span with two
// attempt children.
func Example() {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()

	sr := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sr))
	defer tp.Shutdown(context.Background())
	opts := []tracing.Option{tracing.WithTracerProvider(tp), tracing.WithPropagators(propagation.TraceContext{})}

	hc := &http.Client{Transport: middleware.Chain(srv.Client().Transport,
		tracing.RequestMiddleware(opts...),
		retry.Middleware(retry.WithSleep(func(context.Context, time.Duration) error { return nil })),
		tracing.Middleware(opts...))}
	resp, err := hc.Get(srv.URL + "/items?token=secret")
	if err != nil {
		fmt.Println(err)
		return
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close() // the spans end here

	for _, s := range sr.Ended() {
		fmt.Printf("%s (%s)", s.Name(), s.SpanKind())
		for _, kv := range s.Attributes() {
			switch kv.Key {
			case "http.response.status_code", "http.request.resend_count", "taroreq.attempts":
				fmt.Printf(" %s=%s", kv.Key, kv.Value.Emit())
			case "url.full":
				fmt.Printf(" %s=%s", kv.Key, kv.Value.Emit()[len(srv.URL):])
			}
		}
		fmt.Println()
	}
	// Output:
	// GET (client) url.full=/items?token=REDACTED http.response.status_code=503
	// GET (client) url.full=/items?token=REDACTED http.request.resend_count=1 http.response.status_code=200
	// taroreq GET (internal) url.full=/items?token=REDACTED taroreq.attempts=2 http.response.status_code=200
}
