package oteltaroreq_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"testing"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/plugins/oteltaroreq"
)

// README (Tracing and logging): W3C traceparent goes out through the
// configured propagator; set one with otel.SetTextMapPropagator. A client
// built with Instrument() before the globals are set picks them up: its
// attempts carry the traceparent of their span. The only test of the
// package that sets the globals; it runs in a process of its own (a global,
// once set, cannot be unset).
func TestReadmeGlobalPropagatorSetAfterTheClientIsBuilt(t *testing.T) {
	const child = "TAROREQ_OTEL_GLOBAL_PROPAGATOR_CHILD"
	if os.Getenv(child) != "1" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestReadmeGlobalPropagatorSetAfterTheClientIsBuilt$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), child+"=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("in its own process: %v\n%s", err, out)
		}
		return
	}
	got := make(chan string, 2)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.Header.Get("Traceparent")
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	c := client.New(oteltaroreq.Instrument())
	if _, err := c.Request(context.Background(), client.Option{URL: srv.URL}); err != nil {
		t.Fatal(err)
	}
	if tp := <-got; tp != "" {
		t.Fatalf("traceparent %q before any propagator was set", tp)
	}
	tp := sdktrace.NewTracerProvider()
	defer tp.Shutdown(context.Background())
	otel.SetTracerProvider(tp)
	otel.SetTextMapPropagator(propagation.TraceContext{})
	if _, err := c.Request(context.Background(), client.Option{URL: srv.URL}); err != nil {
		t.Fatal(err)
	}
	if tp := <-got; len(tp) != 55 || tp[:3] != "00-" {
		t.Fatalf("after otel.SetTextMapPropagator: traceparent %q, want a W3C one", tp)
	}
}
