package bench

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
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
	"github.com/taroreq/taroreq/plugins/oteltaroreq"
)

func taroreqRunner(c *client.Client) runner {
	return func(ctx context.Context, w workload) error {
		opt := client.Option{URL: w.url, Method: w.method}
		if w.body != nil {
			opt.Data = w.body
		}
		return doOK(ctx, c, opt)
	}
}

// doOK runs opt through Do and wants a 200.
func doOK(ctx context.Context, c *client.Client, opt client.Option) error {
	res, err := client.Do[payload](ctx, c, opt)
	if err != nil {
		return err
	}
	if res.StatusCode != 200 {
		return fmt.Errorf("status %d", res.StatusCode)
	}
	return nil
}

func bareRunner(rt http.RoundTripper) runner {
	return taroreqRunner(client.New(client.WithTransport(rt), client.WithLayers()))
}

// fullRunner is client.New() with its defaults and a bare Option{URL}: the
// store and DataCheck layers are present but never fire.
func fullRunner(rt http.RoundTripper) runner {
	return taroreqRunner(client.New(client.WithTransport(rt)))
}

// query is the struct a full-stack request sends as its query string.
type query struct {
	Page    int    `json:"page"`
	Q       string `json:"q"`
	Verbose bool   `json:"verbose"`
}

// fullStackRunner is the full Taro stack, what a Taro user runs: a struct
// query-encoded as Data, the default layers (timeout, retry, backup,
// breaker), a DataCheck that runs on every answer, UseStore with a miss and
// a write (a sign the stored data never carries: the entry is read and
// refused by Taro's default check, the network answers and the entry is
// written again), the OpenTelemetry plugin with the unset (no-op) global
// providers, and a typed decode through Do. unique gives every request its
// own URL: nothing is found, every write is a new entry and, past
// DefaultMaxEntries, evicts one.
func fullStackRunner(unique bool) func(rt http.RoundTripper) runner {
	return fullStack(unique, "")
}

// fullStack is fullStackRunner without the feature named by without (see
// fullStackWithout), or whole for "".
func fullStack(unique bool, without string) func(rt http.RoundTripper) runner {
	return func(rt http.RoundTripper) runner {
		opts := []client.ClientOption{client.WithTransport(rt)}
		if without != "otel" {
			opts = append(opts, oteltaroreq.Instrument())
		}
		if without == "breaker" {
			ls := client.DefaultLayers() // store, backup, datacheck, retry, breaker, timeout
			opts = append(opts, client.WithLayers(append(ls[:len(ls)-2:len(ls)-2], ls[len(ls)-1])...))
		}
		c := client.New(opts...)
		check := func(r *client.Response) bool { return r.StatusCode == 200 && len(r.Raw) > 0 }
		var n atomic.Int64
		return func(ctx context.Context, w workload) error {
			q := query{Page: 2, Q: "taro", Verbose: true}
			if unique {
				q.Page = int(n.Add(1))
			}
			opt := client.Option{URL: w.url, Method: w.method, Data: q, Backup: []string{w.url + "?backup=1"},
				DataCheck: check, UseStore: true, StoreCheckKey: "id", StoreSign: "never"}
			if w.body != nil {
				opt.Data = w.body
			}
			switch without {
			case "store":
				opt.UseStore = false
			case "timeout":
				opt.Timeout = -1
			case "query":
				opt.Data = nil
			case "datacheck":
				opt.DataCheck = nil
			}
			res, err := client.Do[payload](ctx, c, opt)
			if err != nil {
				return err
			}
			if res.StatusCode != 200 || res.Value.ID != 7 && res.Value.ID != 1 {
				return fmt.Errorf("status %d, %+v", res.StatusCode, res.Value)
			}
			return nil
		}
	}
}

// storeHitRunner is the full stack with UseStore and a check that accepts
// stored data: after the first request, every one is a store hit.
func storeHitRunner(rt http.RoundTripper) runner { return storeHit(rt, false) }

// storeHitSignRunner answers from the store through the default check: the
// stored data's "id" must equal StoreSign.
func storeHitSignRunner(rt http.RoundTripper) runner { return storeHit(rt, true) }

func storeHit(rt http.RoundTripper, sign bool) runner {
	c := client.New(client.WithTransport(rt))
	always := func(*client.Response) bool { return true }
	return func(ctx context.Context, w workload) error {
		opt := client.Option{URL: w.url, Method: w.method, UseStore: true, StoreCheck: always}
		if sign {
			opt.StoreCheck, opt.StoreCheckKey, opt.StoreSign = nil, "id", "7"
		}
		if w.body != nil {
			opt.Data = w.body
		}
		return doOK(ctx, c, opt)
	}
}

// layerRunner is plain net/http with one taroreq layer in its transport.
func layerRunner(m middleware.Middleware) func(http.RoundTripper) runner {
	return func(rt http.RoundTripper) runner { return netHTTPRunner(m(rt)) }
}

// row is one stack measured, named by what it runs (RESULTS.md).
type row struct {
	name string
	make func(http.RoundTripper) runner
}

// rows are the stacks measured, in table order; "nethttp" is the baseline.
var rows = append([]row{
	{"nethttp", netHTTPRunner},
	{"nethttp_ctx_timeout", netHTTPTimeoutRunner},
	{"nethttp_ctx_cancel", netHTTPCancelRunner},
	{"nethttp_cpu_3us", netHTTPCPURunner(3 * time.Microsecond)},
	{"taro_full_stack", fullStackRunner(false)},
	{"taro_full_stack_unique_urls", fullStackRunner(true)},
	{"taro_defaults", fullRunner},
	{"taro_bare", bareRunner},
	{"layer_timeout", layerRunner(tmo.Middleware(tmo.WithTimeout(2 * time.Second)))},
	{"layer_retry", layerRunner(retry.Middleware())},
	{"layer_backup", layerRunner(backup.Middleware())},
	{"layer_datacheck", layerRunner(datacheck.Middleware())},
	{"layer_breaker", layerRunner(breaker.Middleware())},
	{"layer_store", layerRunner(store.Middleware(store.NewMemory()))},
	{"taro_store_hit", storeHitRunner},
	{"taro_store_hit_sign", storeHitSignRunner},
	{"resty_v3", restyV3Runner},
	{"resty_v2", restyRunner},
	{"retryablehttp", retryableRunner},
	{"failsafehttp", failsafeRunner},
	{"otelhttp", otelhttpRunner},
	{"layer_tracing", layerRunner(tracing.Middleware())},
	{"layer_tracing_sdk", layerRunner(tracing.Middleware(tracing.WithTracerProvider(sdkTracer), tracing.WithMeterProvider(sdkMeter)))},
	{"otelhttp_sdk", otelhttpSDKRunner},
	{"layer_httpcache_miss", layerRunner(httpcache.Middleware(httpcache.WithMode(httpcache.ModeReload)))},
}, ablationRows()...)

// The SDK rows sample every span and export nowhere; a manual reader
// collects nothing until asked. Both layers get the same providers.
var (
	sdkTracer = sdktrace.NewTracerProvider(sdktrace.WithSampler(sdktrace.AlwaysSample()))
	sdkMeter  = sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
)
