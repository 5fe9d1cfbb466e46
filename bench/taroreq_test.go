package bench

import (
	"context"
	"fmt"
	"net/http"
	"time"

	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/datacheck"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/store"
	tmo "github.com/taroreq/taroreq/middleware/timeout"
	"github.com/taroreq/taroreq/middleware/tracing"
)

func taroreqRunner(c *client.Client) runner {
	return func(ctx context.Context, w workload) error {
		opt := client.Option{URL: w.url, Method: w.method}
		if w.body != nil {
			opt.Data = w.body
		}
		res, err := client.Do[payload](ctx, c, opt)
		if err != nil {
			return err
		}
		if res.StatusCode != 200 {
			return fmt.Errorf("status %d", res.StatusCode)
		}
		return nil
	}
}

func bareRunner(rt http.RoundTripper) runner {
	return taroreqRunner(client.New(client.WithTransport(rt), client.WithLayers()))
}

func fullRunner(rt http.RoundTripper) runner {
	return taroreqRunner(client.New(client.WithTransport(rt)))
}

// storeHitRunner is the full stack with UseStore and a check that accepts
// stored data: after the first request, every one is a store hit.
func storeHitRunner(rt http.RoundTripper) runner {
	c := client.New(client.WithTransport(rt))
	always := func(*client.Response) bool { return true }
	return func(ctx context.Context, w workload) error {
		opt := client.Option{URL: w.url, Method: w.method, UseStore: true, StoreCheck: always}
		if w.body != nil {
			opt.Data = w.body
		}
		res, err := client.Do[payload](ctx, c, opt)
		if err != nil {
			return err
		}
		if res.StatusCode != 200 {
			return fmt.Errorf("status %d", res.StatusCode)
		}
		return nil
	}
}

// layerRunner is plain net/http with one taroreq layer in its transport.
func layerRunner(m middleware.Middleware) func(http.RoundTripper) runner {
	return func(rt http.RoundTripper) runner { return netHTTPRunner(m(rt)) }
}

// rows are the stacks measured, in table order; "nethttp" is the baseline.
var rows = []struct {
	name string
	make func(http.RoundTripper) runner
}{
	{"nethttp", netHTTPRunner},
	{"taroreq_bare", bareRunner},
	{"taroreq_full", fullRunner},
	{"layer_timeout", layerRunner(tmo.Middleware(tmo.WithTimeout(2 * time.Second)))},
	{"layer_retry", layerRunner(retry.Middleware())},
	{"layer_backup", layerRunner(backup.Middleware())},
	{"layer_datacheck", layerRunner(datacheck.Middleware())},
	{"layer_breaker", layerRunner(breaker.Middleware())},
	{"layer_store", layerRunner(store.Middleware(store.NewMemory()))},
	{"taroreq_store_hit", storeHitRunner},
	{"resty_v2", restyRunner},
	{"retryablehttp", retryableRunner},
	{"failsafehttp", failsafeRunner},
	{"otelhttp", otelhttpRunner},
	{"layer_tracing", layerRunner(tracing.Middleware())},
	{"layer_tracing_sdk", layerRunner(tracing.Middleware(tracing.WithTracerProvider(sdkTracer), tracing.WithMeterProvider(sdkMeter)))},
	{"otelhttp_sdk", otelhttpSDKRunner},
	{"layer_httpcache_miss", layerRunner(httpcache.Middleware(httpcache.WithMode(httpcache.ModeReload)))},
}

// The SDK rows sample every span and export nowhere; a manual reader
// collects nothing until asked. Both layers get the same providers.
var (
	sdkTracer = sdktrace.NewTracerProvider(sdktrace.WithSampler(sdktrace.AlwaysSample()))
	sdkMeter  = sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
)
