// Package otel is the old name of plugins/oteltaroreq, kept so that code
// written for it compiles.
//
// Deprecated: use github.com/taroreq/taroreq/plugins/oteltaroreq, whose
// name does not clash with go.opentelemetry.io/otel, and its Instrument.
package otel

import (
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/plugins/oteltaroreq"
)

// Option is oteltaroreq.Option.
type Option = oteltaroreq.Option

// WithTracerProvider is oteltaroreq.WithTracerProvider.
func WithTracerProvider(tp trace.TracerProvider) Option { return oteltaroreq.WithTracerProvider(tp) }

// WithMeterProvider is oteltaroreq.WithMeterProvider.
func WithMeterProvider(mp metric.MeterProvider) Option { return oteltaroreq.WithMeterProvider(mp) }

// WithPropagators is oteltaroreq.WithPropagators.
func WithPropagators(p propagation.TextMapPropagator) Option { return oteltaroreq.WithPropagators(p) }

// WithRedactedQueryKeys is oteltaroreq.WithRedactedQueryKeys.
func WithRedactedQueryKeys(names ...string) Option {
	return oteltaroreq.WithRedactedQueryKeys(names...)
}

// Install is oteltaroreq.Instrument as a slice.
func Install(opts ...Option) []client.ClientOption {
	return []client.ClientOption{oteltaroreq.Instrument(opts...)}
}

// WithOpenTelemetry is oteltaroreq.Instrument.
func WithOpenTelemetry(opts ...Option) client.ClientOption { return oteltaroreq.Instrument(opts...) }

// BreakerState is oteltaroreq.BreakerState.
func BreakerState(next func(key string, from, to breaker.State), opts ...Option) client.ClientOption {
	return oteltaroreq.BreakerState(next, opts...)
}
