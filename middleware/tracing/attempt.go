package tracing

import (
	"context"
	"net/http"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"

	"github.com/taroreq/taroreq/middleware"
)

// durationBuckets are the semantic conventions' bucket boundaries of
// http.client.request.duration, in seconds.
var durationBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10}

// New returns a RoundTripper that makes a CLIENT span per attempt sent
// through base and records http.client.request.duration. A nil base means
// http.DefaultTransport. It is safe for concurrent use.
func New(base http.RoundTripper, opts ...Option) http.RoundTripper {
	c := newConfig(opts)
	t := &transport{base: middleware.Base(base), cfg: c, tracer: c.tracer(),
		kind: trace.WithSpanKind(trace.SpanKindClient)}
	var err error
	t.duration, err = c.meter().Float64Histogram("http.client.request.duration",
		metric.WithUnit("s"),
		metric.WithDescription("Duration of HTTP client requests."),
		metric.WithExplicitBucketBoundaries(durationBuckets...))
	handle(err)
	return t
}

// Middleware is New as a middleware.Middleware: the per-attempt layer.
func Middleware(opts ...Option) middleware.Middleware {
	return func(next http.RoundTripper) http.RoundTripper { return New(next, opts...) }
}

type transport struct {
	base     http.RoundTripper
	cfg      config
	tracer   trace.Tracer
	duration metric.Float64Histogram
	kind     trace.SpanStartOption
}

// counterKey carries the attempt count RequestMiddleware keeps for a
// logical request.
type counterKey struct{}

// resendCount returns how many attempts of the logical request came before
// this one, and counts this one.
func resendCount(ctx context.Context, call *middleware.Call) int {
	n := 0
	if c, ok := ctx.Value(counterKey{}).(*atomic.Int64); ok {
		n = int(c.Add(1))
	}
	if a := call.Attempts(); a > 0 {
		n = a
	}
	return max(n-1, 0)
}

// attempt is one attempt's span and measurement, with the storage of its
// attributes, its header carrier and its body wrapper: one allocation.
type attempt struct {
	t      *transport
	ctx    context.Context
	span   trace.Span
	start  time.Time
	attrs  [10]attribute.KeyValue // at Start 6 at most, then 3 from the response
	nStart int
	mbuf   [5]attribute.KeyValue
	mattrs []attribute.KeyValue // method, server, status, error.type: the histogram's
	hc     headerCarrier
	body   body
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	a := &attempt{t: t, start: time.Now()}
	ctx := req.Context()
	call := middleware.CallFrom(ctx)
	call.Visit("tracing")

	attrs, name := methodAttrs(req.Method, a.attrs[:0])
	attrs = serverAttrs(req.URL, attrs)
	a.mattrs = append(a.mbuf[:0], attrs...)
	attrs = append(attrs, keyURLFull.String(t.cfg.redact.URL(req.URL)))
	if n := resendCount(ctx, call); n > 0 {
		attrs = append(attrs, keyResendCount.Int(n))
	}
	a.nStart = len(attrs)
	a.ctx, a.span = t.tracer.Start(ctx, name, t.kind, trace.WithAttributes(attrs...))

	// A shallow copy: the caller's request is untouched, and its header map
	// is copied only if a propagator writes to it.
	r := req.WithContext(a.ctx)
	a.hc.req = r
	t.cfg.prop.Inject(a.ctx, &a.hc)

	resp, err := t.base.RoundTrip(r)
	if err != nil {
		a.finish(err)
		return nil, err
	}
	a.response(resp)
	endOnClose(resp, a, &a.body)
	return resp, nil
}

// headerCarrier writes into a copy of the request's header, made on the
// first write.
type headerCarrier struct {
	req    *http.Request
	cloned bool
}

func (c *headerCarrier) Get(key string) string { return c.req.Header.Get(key) }

func (c *headerCarrier) Set(key, value string) {
	if !c.cloned {
		if c.req.Header = c.req.Header.Clone(); c.req.Header == nil {
			c.req.Header = http.Header{}
		}
		c.cloned = true
	}
	c.req.Header.Set(key, value)
}

func (c *headerCarrier) Keys() []string {
	keys := make([]string, 0, len(c.req.Header))
	for k := range c.req.Header {
		keys = append(keys, k)
	}
	return keys
}

// response records what the response's head says.
func (a *attempt) response(resp *http.Response) {
	status := keyStatusCode.Int(resp.StatusCode)
	a.mattrs = append(a.mattrs, status)
	var et attribute.KeyValue
	if resp.StatusCode >= 400 {
		et = keyErrorType.String(itoa(resp.StatusCode))
		a.mattrs = append(a.mattrs, et)
		a.span.SetStatus(codes.Error, "")
	}
	if !a.span.IsRecording() {
		return
	}
	attrs := append(a.attrs[a.nStart:a.nStart], status) // not over what Start was given
	if et.Valid() {
		attrs = append(attrs, et)
	}
	if v := protoVersion(resp); v != "" {
		attrs = append(attrs, keyProtoVersion.String(v))
	}
	a.span.SetAttributes(attrs...)
}

// end ends the span when the body does.
func (a *attempt) end(readErr error) { a.finish(readErr) }

// finish ends the span; err is the attempt's error or the one that ended
// reading the body.
func (a *attempt) finish(err error) {
	if err != nil {
		et := keyErrorType.String(errorType(err))
		if !hasKey(a.mattrs, keyErrorType) {
			a.mattrs = append(a.mattrs, et)
		}
		a.span.SetAttributes(et)
		a.span.SetStatus(codes.Error, a.t.cfg.redact.Error(err))
	}
	a.span.End()
	if a.t.duration.Enabled(a.ctx) {
		a.t.duration.Record(a.ctx, time.Since(a.start).Seconds(), metric.WithAttributes(a.mattrs...))
	}
}

func hasKey(attrs []attribute.KeyValue, k attribute.Key) bool {
	for _, kv := range attrs {
		if kv.Key == k {
			return true
		}
	}
	return false
}
