package tracing

import (
	"context"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"

	"github.com/taroreq/taroreq/middleware/breaker"
)

// MetricBreakerState is the gauge BreakerStateObserver records.
const MetricBreakerState = "taroreq.client.breaker.state"

// keyBreaker names the circuit (the breaker layer's key, by default the
// request's origin).
const keyBreaker = attribute.Key("taroreq.breaker.key")

// BreakerStateObserver returns a function for breaker.WithStateChange that
// records each circuit's state in the gauge taroreq.client.breaker.state:
// 0 closed, 1 half-open, 2 open, with the circuit's key as
// taroreq.breaker.key. A circuit that never changed state has no value
// (read it as closed). next, if not nil, is called after recording, so an
// observer of the application's own is kept. The function is safe for
// concurrent use and does not block.
func BreakerStateObserver(next func(key string, from, to breaker.State), opts ...Option) func(key string, from, to breaker.State) {
	c := newConfig(opts)
	g, err := c.meter().Int64Gauge(MetricBreakerState,
		metric.WithUnit("{state}"),
		metric.WithDescription("State of a circuit: 0 closed, 1 half-open, 2 open."))
	handle(err)
	return func(key string, from, to breaker.State) {
		ctx := context.Background()
		if g.Enabled(ctx) {
			g.Record(ctx, int64(to), metric.WithAttributes(keyBreaker.String(key)))
		}
		if next != nil {
			next(key, from, to)
		}
	}
}
