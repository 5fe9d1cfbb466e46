package tracing_test

import (
	"net/http"
	"os"
	"os/exec"
	"testing"

	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	tracenoop "go.opentelemetry.io/otel/trace/noop"

	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/tracing"
)

// With the unset global providers (oteltaroreq's default), both layers cost
// no allocation; once a provider is set globally, the same layers record.
// This is the only test of the package that uses or sets the globals, and
// it runs in a process of its own: a global provider, once set, cannot be
// unset, and a second run (-count, -shuffle) would start with it set.
func TestUnsetGlobalProvidersAllocateNothingUntilSet(t *testing.T) {
	if os.Getenv(globalChildEnv) != "1" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestUnsetGlobalProvidersAllocateNothingUntilSet$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), globalChildEnv+"=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("in its own process: %v\n%s", err, out)
		}
		return
	}
	rt := middleware.Chain(layertest.Stub, tracing.RequestMiddleware(), tracing.Middleware())
	noop := middleware.Chain(layertest.Stub, tracing.RequestMiddleware(tracing.WithTracerProvider(tracenoop.NewTracerProvider())),
		tracing.Middleware(tracing.WithTracerProvider(tracenoop.NewTracerProvider())))
	req, _ := http.NewRequest("GET", "http://stub.test/", nil)
	send := func(rt http.RoundTripper) func() {
		return func() {
			resp, err := rt.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
		}
	}
	base := testing.AllocsPerRun(100, send(layertest.Stub))
	if got := testing.AllocsPerRun(100, send(rt)); got != base {
		t.Errorf("unset globals: %v allocs per request, want %v (the stub's)", got, base)
	}
	if got := testing.AllocsPerRun(100, send(noop)); got != base {
		t.Errorf("no-op tracer, unset global meter: %v allocs per request, want %v", got, base)
	}

	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	defer func() { _ = tp.Shutdown(req.Context()) }()
	otel.SetTracerProvider(tp)
	send(rt)()
	if got := len(rec.Ended()); got != 2 {
		t.Fatalf("after otel.SetTracerProvider: %d spans ended, want 2 (request and attempt)", got)
	}
	if got := testing.AllocsPerRun(10, send(noop)); got != base {
		t.Errorf("explicit no-op tracer after a global one is set: %v allocs, want %v", got, base)
	}
}

// globalChildEnv marks the process the global test runs its body in.
const globalChildEnv = "TARO_TRACING_GLOBAL_TEST_CHILD"
