// Package oteltaroreq installs taroreq's OpenTelemetry instrumentation
// (middleware/tracing) in a client with one option, named like the
// OpenTelemetry contrib packages (otelhttp, otelgrpc) so that it never
// clashes with go.opentelemetry.io/otel in a file that uses both:
//
//	c := client.New(oteltaroreq.Instrument(oteltaroreq.WithTracerProvider(tp)))
//
// It adds tracing.RequestMiddleware outermost (client.WithOuterLayers),
// a span per logical request with the Call's attempts and events, and
// tracing.Middleware just above the transport (client.WithInnerLayers), a
// CLIENT span per attempt, child of the request span, that injects the
// trace context into the attempt's headers and records
// http.client.request.duration.
//
// The providers default to the global ones (otel.GetTracerProvider,
// otel.GetMeterProvider, otel.GetTextMapPropagator) as they are when the
// client is built. The options are safe to reuse for many clients; a
// client built with them is as safe for concurrent use as any client.
package oteltaroreq

import (
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/tracing"
)

// Option configures the instrumentation; it is tracing's.
type Option = tracing.Option

// WithTracerProvider sets the tracer provider (default the global one).
func WithTracerProvider(tp trace.TracerProvider) Option { return tracing.WithTracerProvider(tp) }

// WithMeterProvider sets the meter provider (default the global one).
func WithMeterProvider(mp metric.MeterProvider) Option { return tracing.WithMeterProvider(mp) }

// WithPropagators sets the propagators that write the trace context into
// each attempt's headers (default the global one).
func WithPropagators(p propagation.TextMapPropagator) Option { return tracing.WithPropagators(p) }

// WithRedactedQueryKeys adds query parameter names whose values are
// recorded as "REDACTED" (';' path parameters so named too).
func WithRedactedQueryKeys(names ...string) Option { return tracing.WithRedactedQueryKeys(names...) }

// Instrument is the client option that adds the request span layer
// (outermost) and the attempt span layer (above the transport).
func Instrument(opts ...Option) client.ClientOption {
	return both(client.WithOuterLayers(tracing.RequestMiddleware(opts...)),
		client.WithInnerLayers(tracing.Middleware(opts...)))
}

// BreakerState records the state of the client's circuits (default stack)
// in the gauge taroreq.client.breaker.state: 0 closed, 1 half-open, 2 open.
// It sets the breaker's state-change observer: pass your own observer as
// next rather than with another breaker.WithStateChange, which would
// replace this one (the later option wins).
func BreakerState(next func(key string, from, to breaker.State), opts ...Option) client.ClientOption {
	return client.WithBreaker(breaker.WithStateChange(tracing.BreakerStateObserver(next, opts...)))
}

// both applies a then b; the settings type need not be named.
func both[F ~func(S), S any](a, b F) F {
	return func(s S) { a(s); b(s) }
}
