package tracing

import (
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"github.com/taroreq/taroreq/internal/credential"
)

// ScopeName is the instrumentation scope of the tracer and the meter.
const ScopeName = "github.com/taroreq/taroreq/middleware/tracing"

// Option configures the layers. A nil Option, and a nil provider or
// propagator given to one, mean the default.
type Option func(*config)

type config struct {
	tp     trace.TracerProvider
	mp     metric.MeterProvider
	prop   propagation.TextMapPropagator
	extra  []string
	redact credential.Keys
}

// WithTracerProvider sets the tracer provider (default
// otel.GetTracerProvider(), looked up when the layer is built).
func WithTracerProvider(tp trace.TracerProvider) Option { return func(c *config) { c.tp = tp } }

// WithMeterProvider sets the meter provider (default otel.GetMeterProvider(),
// looked up when the layer is built).
func WithMeterProvider(mp metric.MeterProvider) Option { return func(c *config) { c.mp = mp } }

// WithPropagators sets the propagators that write the trace context into
// each attempt's headers (default otel.GetTextMapPropagator(), looked up
// when the layer is built).
func WithPropagators(p propagation.TextMapPropagator) Option {
	return func(c *config) { c.prop = p }
}

// WithRedactedQueryKeys adds query parameter names (case-insensitive) whose
// values are replaced by "REDACTED" in url.full, on top of the
// secret-looking ones (names containing token, key, secret, password, sig,
// auth, credential or session).
func WithRedactedQueryKeys(names ...string) Option {
	return func(c *config) { c.extra = append(c.extra, names...) }
}

func newConfig(opts []Option) config {
	var c config
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	if c.tp == nil {
		c.tp = otel.GetTracerProvider()
	}
	if c.mp == nil {
		c.mp = otel.GetMeterProvider()
	}
	if c.prop == nil {
		c.prop = otel.GetTextMapPropagator()
	}
	c.redact = credential.NewKeys(c.extra...)
	return c
}

func (c *config) tracer() trace.Tracer {
	return c.tp.Tracer(ScopeName, trace.WithInstrumentationVersion(Version))
}

func (c *config) meter() metric.Meter {
	return c.mp.Meter(ScopeName, metric.WithInstrumentationVersion(Version))
}

// Version is the instrumentation version reported with the scope.
const Version = "0.1.0"
