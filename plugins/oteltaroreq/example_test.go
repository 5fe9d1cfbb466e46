package oteltaroreq_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/plugins/oteltaroreq"
)

// One option instruments a client: a span per logical request, a CLIENT
// span per attempt under it.
func Example() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, `{}`)
	}))
	defer srv.Close()
	spans := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))
	defer tp.Shutdown(context.Background())

	c := client.New(oteltaroreq.Instrument(oteltaroreq.WithTracerProvider(tp)), client.WithTransport(srv.Client().Transport))
	if _, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/items?token=secret"}); err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range spans.Ended() {
		fmt.Println(s.Name(), s.SpanKind())
	}
	// Output:
	// GET client
	// taroreq GET internal
}
