package tracing

import (
	"reflect"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/metric"
	metricnoop "go.opentelemetry.io/otel/metric/noop"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
	tracenoop "go.opentelemetry.io/otel/trace/noop"

	"github.com/taroreq/taroreq/internal/credential"
)

// ScopeName is the instrumentation scope of the tracer and the meter.
const ScopeName = "github.com/taroreq/taroreq/middleware/tracing"

// Option configures the layers. A nil Option, and a nil provider or
// propagator given to one, mean the default.
// Options only set the configuration when it is built: one may be reused
// for several layers and passed between goroutines.
type Option func(*config)

type config struct {
	tp     trace.TracerProvider
	mp     metric.MeterProvider
	prop   propagation.TextMapPropagator
	extra  []string
	redact credential.Keys
	// tpQuiet and mpQuiet say how the providers can be known never to
	// record: see silent.
	tpQuiet, mpQuiet quietness
}

// quietness is what is known of a provider that may never record.
type quietness int

const (
	mayRecord    quietness = iota
	noopProvider           // the noop package's: never records
	unsetGlobal            // otel's global delegating provider: records nothing until one is set
)

// globalPkg is the package of otel's default global providers, which
// delegate to nothing until otel.SetTracerProvider or SetMeterProvider.
const globalPkg = "go.opentelemetry.io/otel/internal/global"

func quietnessOf(p any) quietness {
	switch p.(type) {
	case tracenoop.TracerProvider, metricnoop.MeterProvider:
		return noopProvider
	}
	if t := reflect.TypeOf(p); t != nil && t.Kind() == reflect.Pointer && t.Elem().PkgPath() == globalPkg {
		return unsetGlobal
	}
	return mayRecord
}

// silent reports, per request and in a few nanoseconds, that no span can
// record and no instrument is enabled: both providers are no-ops, or otel's
// global ones while no provider has been set (once one is, the global
// provider delegates to it and otel.Get*Provider returns it instead). The
// layers then skip building attributes and starting spans, which would
// only make a non-recording span and allocate. (Go auto-instrumentation by
// eBPF, which can make the unset global tracer record, is not seen here.)
func (c *config) silent() bool {
	return quietNow(c.tpQuiet, c.tp, otel.GetTracerProvider) && quietNow(c.mpQuiet, c.mp, otel.GetMeterProvider)
}

func quietNow[P comparable](q quietness, p P, global func() P) bool {
	switch q {
	case noopProvider:
		return true
	case unsetGlobal:
		return global() == p
	}
	return false
}

// WithTracerProvider sets the tracer provider (default, and nil:
// otel.GetTracerProvider(), looked up when the layer is built).
func WithTracerProvider(tp trace.TracerProvider) Option { return func(c *config) { c.tp = tp } }

// WithMeterProvider sets the meter provider (default, and nil:
// otel.GetMeterProvider(), looked up when the layer is built).
func WithMeterProvider(mp metric.MeterProvider) Option { return func(c *config) { c.mp = mp } }

// WithPropagators sets the propagators that write the trace context into
// each attempt's headers (default, and nil: otel.GetTextMapPropagator(),
// looked up when the layer is built).
func WithPropagators(p propagation.TextMapPropagator) Option {
	return func(c *config) { c.prop = p }
}

// WithRedactedQueryKeys adds query parameter names (case-insensitive) whose
// values are replaced by "REDACTED" in url.full, on top of the
// secret-looking ones (names containing token, key, secret, password, sig,
// auth, credential, session and the like: the README's Security section has
// the rule); ';' path parameters so named too.
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
	c.tpQuiet, c.mpQuiet = quietnessOf(c.tp), quietnessOf(c.mp)
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
