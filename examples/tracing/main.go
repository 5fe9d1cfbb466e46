// Command tracing shows taroreq's OpenTelemetry spans: an embedded server
// fails the first request with a 503 and answers the retry; the client,
// instrumented with plugins/oteltaroreq, exports to stdout (the SDK's stdouttrace
// exporter, one JSON object per span) one request span, "taroreq GET", and
// two attempt spans, "GET", its children, the second with
// http.request.resend_count 1. The token in the URL is recorded as
// REDACTED. A last line, which starts with "#" (no JSON: drop it before
// piping the spans to jq), sums up the call: status, attempts, requests
// the server saw and ErrMsg.
package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"

	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/plugins/oteltaroreq"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "tracing:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out io.Writer) error {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable) // the first attempt fails
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"message":"hello","traceparent":%q}`, r.Header.Get("Traceparent"))
	}))
	defer srv.Close()

	exp, err := stdouttrace.New(stdouttrace.WithWriter(out), stdouttrace.WithoutTimestamps())
	if err != nil {
		return err
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	defer func() { _ = tp.Shutdown(ctx) }()

	c := client.New(
		oteltaroreq.Instrument(oteltaroreq.WithTracerProvider(tp), oteltaroreq.WithPropagators(propagation.TraceContext{})),
		client.WithTransport(srv.Client().Transport))
	resp, err := c.Request(ctx, client.Option{URL: srv.URL + "/hello?token=s3cr3t"})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "# status %d, attempts %d, server requests %d, %s\n",
		resp.StatusCode, resp.Attempts, hits.Load(), resp.ErrMsg)
	return nil
}
