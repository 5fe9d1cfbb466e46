package oteltaroreq_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/store"
	"github.com/taroreq/taroreq/middleware/tracing"
	"github.com/taroreq/taroreq/plugins/oteltaroreq"
)

func sums(t *testing.T, reader *sdkmetric.ManualReader) map[string]int64 {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			if d, ok := m.Data.(metricdata.Sum[int64]); ok {
				for _, dp := range d.DataPoints {
					got[m.Name] += dp.Value
				}
			}
		}
	}
	return got
}

// README (Tracing and logging): Instrument counts failovers, store hits and
// breaker rejections, and with the global default propagator (which
// propagates nothing) no traceparent goes out. Through the real client's
// layers, not events made up for the test.
func TestReadmeInstrumentCountsTheClientsLayers(t *testing.T) {
	var mu sync.Mutex
	var parents []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		parents = append(parents, r.Header.Get("Traceparent"))
		mu.Unlock()
		switch r.URL.Path {
		case "/dead":
			w.WriteHeader(http.StatusInternalServerError)
		default:
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"ok":true}`)
		}
	}))
	defer srv.Close()

	sr := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sr))
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	defer tp.Shutdown(context.Background())
	defer mp.Shutdown(context.Background())

	newClient := func(opts ...client.ClientOption) *client.Client {
		return client.New(append([]client.ClientOption{
			oteltaroreq.Instrument(oteltaroreq.WithTracerProvider(tp), oteltaroreq.WithMeterProvider(mp)),
			client.WithBaseURL(srv.URL), client.WithTransport(srv.Client().Transport),
		}, opts...)...)
	}
	c := newClient(client.WithStore(store.NewMemory()))
	ctx := context.Background()

	// A failover: /dead answers 500, the backup answers.
	resp, err := c.Request(ctx, client.Option{URL: "/dead", Backup: []string{"/ok"}, RetryTimes: 1})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("failover: %v %+v", err, resp)
	}
	// A store hit: the second call is answered by the store.
	for i := range 2 {
		resp, err := c.Request(ctx, client.Option{URL: "/stored", UseStore: true, StoreCheckKey: "ok", StoreSign: "true"})
		if err != nil {
			t.Fatal(err)
		}
		if resp.FromStore != (i == 1) {
			t.Fatalf("call %d: FromStore %v", i, resp.FromStore)
		}
	}
	// A breaker rejection: one 500 opens the circuit (threshold 1), the next
	// call is refused.
	cb := newClient(client.WithBreaker(breaker.WithThreshold(1)))
	_, _ = cb.Request(ctx, client.Option{URL: "/dead", RetryTimes: client.NoRetry})
	if _, err := cb.Request(ctx, client.Option{URL: "/ok", RetryTimes: client.NoRetry}); err == nil {
		t.Fatal("the open circuit let a request through")
	}

	got := sums(t, reader)
	for name, want := range map[string]int64{tracing.MetricFailovers: 1, tracing.MetricStoreHits: 1,
		tracing.MetricBreakerRejections: 1} {
		if got[name] != want {
			t.Errorf("%s = %d, want %d (all: %v)", name, got[name], want, got)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	for i, p := range parents {
		if p != "" {
			t.Errorf("request %d carried traceparent %q with the global default propagator", i, p)
		}
	}
	if len(sr.Ended()) == 0 {
		t.Error("no span")
	}
}
