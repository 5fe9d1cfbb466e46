package oteltaroreq_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/propagation"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/tracing"
	"github.com/taroreq/taroreq/plugins/oteltaroreq"
)

func attr(s sdktrace.ReadOnlySpan, key string) string {
	for _, kv := range s.Attributes() {
		if kv.Key == attribute.Key(key) {
			return kv.Value.Emit()
		}
	}
	return "<none>"
}

func TestEndToEnd(t *testing.T) {
	for name, install := range map[string]func(...oteltaroreq.Option) []client.ClientOption{
		"Instrument": func(o ...oteltaroreq.Option) []client.ClientOption {
			return []client.ClientOption{oteltaroreq.Instrument(o...)}
		},
	} {
		t.Run(name, func(t *testing.T) {
			var mu sync.Mutex
			var parents []string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				parents = append(parents, r.Header.Get("Traceparent"))
				n := len(parents)
				mu.Unlock()
				if n == 1 {
					w.WriteHeader(http.StatusServiceUnavailable)
					return
				}
				w.Header().Set("Content-Type", "application/json")
				_, _ = io.WriteString(w, `{"ok":true}`)
			}))
			defer srv.Close()

			sr := tracetest.NewSpanRecorder()
			tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sr))
			reader := sdkmetric.NewManualReader()
			mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
			defer tp.Shutdown(context.Background())
			defer mp.Shutdown(context.Background())

			opts := append(install(oteltaroreq.WithTracerProvider(tp), oteltaroreq.WithMeterProvider(mp),
				oteltaroreq.WithPropagators(propagation.TraceContext{})),
				client.WithTransport(srv.Client().Transport),
				client.WithRetry(retry.WithSleep(func(context.Context, time.Duration) error { return nil })))
			c := client.New(opts...)
			resp, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/items?token=abc"})
			if err != nil {
				t.Fatal(err)
			}
			if resp.Attempts != 2 || resp.StatusCode != 200 {
				t.Fatalf("attempts %d status %d", resp.Attempts, resp.StatusCode)
			}

			spans := sr.Ended()
			var req sdktrace.ReadOnlySpan
			var attempts []sdktrace.ReadOnlySpan
			for _, s := range spans {
				switch s.Name() {
				case "taroreq GET":
					req = s
				case "GET":
					attempts = append(attempts, s)
				default:
					t.Errorf("unexpected span %q", s.Name())
				}
			}
			if req == nil || len(attempts) != 2 {
				t.Fatalf("spans %d: request %v, %d attempts", len(spans), req != nil, len(attempts))
			}
			if req.SpanKind() != trace.SpanKindInternal || req.Parent().IsValid() {
				t.Errorf("request span kind %v parent %v", req.SpanKind(), req.Parent())
			}
			for i, a := range attempts {
				if a.SpanKind() != trace.SpanKindClient || a.Parent().SpanID() != req.SpanContext().SpanID() {
					t.Errorf("attempt %d: kind %v parent %v", i, a.SpanKind(), a.Parent().SpanID())
				}
				want := fmt.Sprintf("00-%s-%s-01", a.SpanContext().TraceID(), a.SpanContext().SpanID())
				if parents[i] != want {
					t.Errorf("attempt %d: server got traceparent %q, want %q", i, parents[i], want)
				}
			}
			if got := attr(attempts[0], "http.response.status_code"); got != "503" {
				t.Errorf("first attempt status %s", got)
			}
			if got := attr(attempts[0], "http.request.resend_count"); got != "<none>" {
				t.Errorf("first attempt resend_count %s", got)
			}
			if got := attr(attempts[1], "http.request.resend_count"); got != "1" {
				t.Errorf("second attempt resend_count %s", got)
			}
			if got := attr(req, "taroreq.attempts"); got != "2" {
				t.Errorf("taroreq.attempts %s", got)
			}
			if got, want := attr(req, "url.full"), srv.URL+"/items?token=REDACTED"; got != want {
				t.Errorf("url.full %s, want %s", got, want)
			}
			if ev := req.Events(); len(ev) != 1 || ev[0].Name != middleware.EventRetry {
				t.Errorf("events %+v", ev)
			}

			var rm metricdata.ResourceMetrics
			if err := reader.Collect(context.Background(), &rm); err != nil {
				t.Fatal(err)
			}
			got := map[string]int64{}
			for _, sm := range rm.ScopeMetrics {
				for _, m := range sm.Metrics {
					switch d := m.Data.(type) {
					case metricdata.Histogram[float64]:
						for _, dp := range d.DataPoints {
							got[m.Name] += int64(dp.Count)
						}
					case metricdata.Sum[int64]:
						for _, dp := range d.DataPoints {
							got[m.Name] += dp.Value
						}
					}
				}
			}
			if got["http.client.request.duration"] != 2 || got[tracing.MetricRetries] != 1 {
				t.Errorf("metrics %v", got)
			}
		})
	}
}

func TestBreakerState(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	addr := srv.URL
	srv.Close() // nothing listens there now
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	defer mp.Shutdown(context.Background())
	c := client.New(oteltaroreq.BreakerState(nil, oteltaroreq.WithMeterProvider(mp)), client.WithBreaker(breaker.WithThreshold(1)))
	if _, err := c.Request(context.Background(), client.Option{URL: addr, RetryTimes: client.NoRetry}); err == nil {
		t.Fatal("no error")
	}
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			if g, ok := m.Data.(metricdata.Gauge[int64]); ok && m.Name == tracing.MetricBreakerState {
				for _, dp := range g.DataPoints {
					got = append(got, dp.Value)
				}
			}
		}
	}
	if len(got) != 1 || got[0] != 2 {
		t.Errorf("breaker state %v, want [2] (open)", got)
	}
}
