package tracing_test

import (
	"context"
	"testing"

	metricnoop "go.opentelemetry.io/otel/metric/noop"
	"go.opentelemetry.io/otel/propagation"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	tracenoop "go.opentelemetry.io/otel/trace/noop"

	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/tracing"
)

// BenchmarkTracing measures the attempt layer (and both layers) over a
// socket-free stub: with no-op providers, and with the SDK sampling every
// span (no exporter) and a manual metric reader.
func BenchmarkTracing(b *testing.B) {
	noop := []tracing.Option{tracing.WithTracerProvider(tracenoop.NewTracerProvider()),
		tracing.WithMeterProvider(metricnoop.NewMeterProvider()), tracing.WithPropagators(propagation.TraceContext{})}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSampler(sdktrace.AlwaysSample()))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
	defer func() {
		_ = tp.Shutdown(context.Background())
		_ = mp.Shutdown(context.Background())
	}()
	sdk := []tracing.Option{tracing.WithTracerProvider(tp), tracing.WithMeterProvider(mp),
		tracing.WithPropagators(propagation.TraceContext{})}
	layertest.Bench(b,
		layertest.Case{Name: "noop", RT: tracing.New(layertest.Stub, noop...)},
		layertest.Case{Name: "sdk", RT: tracing.New(layertest.Stub, sdk...)},
		layertest.Case{Name: "noop-both", RT: middleware.Chain(layertest.Stub,
			tracing.RequestMiddleware(noop...), tracing.Middleware(noop...))},
		layertest.Case{Name: "sdk-both", RT: middleware.Chain(layertest.Stub,
			tracing.RequestMiddleware(sdk...), tracing.Middleware(sdk...))},
	)
}
