package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/failsafe-go/failsafe-go/circuitbreaker"
	"github.com/failsafe-go/failsafe-go/failsafehttp"
	"github.com/failsafe-go/failsafe-go/timeout"
	"github.com/go-resty/resty/v2"
	"github.com/hashicorp/go-retryablehttp"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	resty3 "resty.dev/v3"
)

// A runner sends one request of a workload and decodes the JSON answer.
type runner func(ctx context.Context, w workload) error

// workload is one request shape: a GET of a small or large JSON document,
// or a JSON POST.
type workload struct {
	name   string
	method string
	url    string
	body   []byte // JSON body for POST
}

func decodeInto(r io.Reader) error {
	var v payload
	return json.NewDecoder(r).Decode(&v)
}

// payload is what the server answers: a small object, or many of them.
type payload struct {
	ID    int       `json:"id"`
	Name  string    `json:"name"`
	OK    bool      `json:"ok"`
	Items []payload `json:"items,omitempty"`
}

// netHTTPTimeoutRunner is netHTTPRunner with what a per-attempt timeout
// costs any client: a context.WithTimeout (2s) per request, cancelled when
// the body is read. It is a reference for the timeout's share of a row, not
// a peer.
func netHTTPTimeoutRunner(rt http.RoundTripper) runner {
	plain := netHTTPRunner(rt)
	return func(ctx context.Context, w workload) error {
		ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		return plain(ctx, w)
	}
}

func netHTTPCancelRunner(rt http.RoundTripper) runner {
	plain := netHTTPRunner(rt)
	return func(ctx context.Context, w workload) error {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		return plain(ctx, w)
	}
}

func netHTTPRunner(rt http.RoundTripper) runner {
	hc := &http.Client{Transport: rt}
	return func(ctx context.Context, w workload) error {
		var body io.Reader
		if w.body != nil {
			body = bytes.NewReader(w.body)
		}
		req, err := http.NewRequestWithContext(ctx, w.method, w.url, body)
		if err != nil {
			return err
		}
		if w.body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		return decodeInto(resp.Body)
	}
}

func restyRunner(rt http.RoundTripper) runner {
	c := resty.New().SetTransport(rt).SetRetryCount(2).SetTimeout(2 * time.Second).
		SetRetryWaitTime(100 * time.Millisecond)
	return func(ctx context.Context, w workload) error {
		var out payload
		r := c.R().SetContext(ctx).SetResult(&out)
		if w.body != nil {
			r.SetHeader("Content-Type", "application/json").SetBody(w.body)
		}
		resp, err := r.Execute(w.method, w.url)
		if err != nil {
			return err
		}
		if resp.StatusCode() != 200 {
			return fmt.Errorf("status %d", resp.StatusCode())
		}
		return nil
	}
}

// restyV3Runner has what resty v3 offers of the full stack: the same query
// (as a map: resty has no struct encoding), retries, a timeout, a circuit
// breaker and a typed result.
func restyV3Runner(rt http.RoundTripper) runner {
	c := resty3.New().SetTransport(rt).SetRetryCount(2).SetTimeout(2 * time.Second).
		SetRetryWaitTime(100 * time.Millisecond).
		SetCircuitBreaker(resty3.NewCircuitBreakerCount(5, 1, 10*time.Second))
	params := map[string]string{"page": "2", "q": "taro", "verbose": "true"}
	return func(ctx context.Context, w workload) error {
		var out payload
		r := c.R().SetContext(ctx).SetResult(&out)
		if w.body != nil {
			r.SetHeader("Content-Type", "application/json").SetBody(w.body)
		} else {
			r.SetQueryParams(params)
		}
		resp, err := r.Execute(w.method, w.url)
		if err != nil {
			return err
		}
		if resp.StatusCode() != 200 || out.ID == 0 {
			return fmt.Errorf("status %d", resp.StatusCode())
		}
		return nil
	}
}

func retryableRunner(rt http.RoundTripper) runner {
	c := retryablehttp.NewClient()
	c.HTTPClient = &http.Client{Transport: rt}
	c.Logger = nil
	c.RetryMax = 2
	return netHTTPRunner(&retryablehttp.RoundTripper{Client: c})
}

func failsafeRunner(rt http.RoundTripper) runner {
	retry := failsafehttp.NewRetryPolicyBuilder().WithMaxRetries(2).Build()
	breaker := circuitbreaker.NewWithDefaults[*http.Response]()
	return netHTTPRunner(failsafehttp.NewRoundTripper(rt, retry, breaker, timeout.New[*http.Response](2*time.Second)))
}

func otelhttpRunner(rt http.RoundTripper) runner {
	return netHTTPRunner(otelhttp.NewTransport(rt))
}

func otelhttpSDKRunner(rt http.RoundTripper) runner {
	return netHTTPRunner(otelhttp.NewTransport(rt, otelhttp.WithTracerProvider(sdkTracer), otelhttp.WithMeterProvider(sdkMeter)))
}

// netHTTPCPURunner is nethttp after d of pure computation per request: no
// allocation, no memory beyond a register, no clock read. It tells the
// library's own CPU cost apart from the cost of the memory and code it
// touches, which the loopback modes multiply (RESULTS.md, fifth session).
func netHTTPCPURunner(d time.Duration) func(rt http.RoundTripper) runner {
	return func(rt http.RoundTripper) runner {
		plain := netHTTPRunner(rt)
		iters := int(d.Seconds() * spinRate())
		return func(ctx context.Context, w workload) error {
			spin(iters)
			return plain(ctx, w)
		}
	}
}

// spinSink keeps spin's result alive, so that its loop is not removed.
var spinSink atomic.Uint64

// spin runs n rounds of xorshift.
func spin(n int) {
	x := spinSink.Load() | 1
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	spinSink.Store(x)
}

// spinRate is spin's rounds per second on this machine, measured once.
var spinRate = sync.OnceValue(func() float64 {
	const n = 20_000_000
	start := time.Now()
	spin(n)
	return n / time.Since(start).Seconds()
})
