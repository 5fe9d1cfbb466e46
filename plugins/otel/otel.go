// Package otel is the old name of plugins/oteltaroreq, kept so that code
// written for it compiles.
//
// Deprecated: use github.com/taroreq/taroreq/plugins/oteltaroreq, whose
// name does not clash with go.opentelemetry.io/otel, and its Instrument.
package otel

import (
	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/plugins/oteltaroreq"
)

// Option is oteltaroreq.Option.
type Option = oteltaroreq.Option

// The options of oteltaroreq, under this package's name.
var (
	WithTracerProvider    = oteltaroreq.WithTracerProvider
	WithMeterProvider     = oteltaroreq.WithMeterProvider
	WithPropagators       = oteltaroreq.WithPropagators
	WithRedactedQueryKeys = oteltaroreq.WithRedactedQueryKeys
)

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
