package tracing_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"go.opentelemetry.io/otel/sdk/metric/metricdata"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/tracing"
)

func TestBreakerState(t *testing.T) {
	r := newRig(t)
	var seen []breaker.State
	obs := tracing.BreakerStateObserver(func(_ string, _, to breaker.State) { seen = append(seen, to) }, r.opts...)
	down := middleware.RoundTripperFunc(func(*http.Request) (*http.Response, error) { return nil, errors.New("down") })
	rt := middleware.Chain(down, tracing.RequestMiddleware(r.opts...),
		breaker.Middleware(breaker.WithThreshold(2), breaker.WithStateChange(obs)))
	for range 3 {
		ctx := middleware.WithCall(context.Background(), middleware.NewCall(middleware.Settings{}))
		req, _ := http.NewRequestWithContext(ctx, "GET", "http://h.test/", nil)
		if _, err := rt.RoundTrip(req); err == nil {
			t.Fatal("no error")
		}
	}
	if len(seen) != 1 || seen[0] != breaker.State(2) {
		t.Errorf("next saw %v", seen)
	}
	m := r.metrics(t)
	g, ok := m[tracing.MetricBreakerState].(metricdata.Gauge[int64])
	if !ok || len(g.DataPoints) != 1 || g.DataPoints[0].Value != 2 {
		t.Fatalf("gauge %+v", m[tracing.MetricBreakerState])
	}
	if v, _ := g.DataPoints[0].Attributes.Value("taroreq.breaker.key"); v.AsString() == "" {
		t.Error("no circuit key")
	}
	rej, ok := m[tracing.MetricBreakerRejections].(metricdata.Sum[int64])
	if !ok || len(rej.DataPoints) != 1 || rej.DataPoints[0].Value != 1 {
		t.Errorf("breaker rejections %+v", m[tracing.MetricBreakerRejections])
	}
}
