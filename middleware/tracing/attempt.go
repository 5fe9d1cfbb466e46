package tracing

import (
	"context"
	"net/http"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/propagation"
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
	t := &transport{base: middleware.Base(base), cfg: c, tracer: c.tracer()}
	t.injects = len(c.prop.Fields()) > 0
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
	injects  bool
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

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	start := time.Now()
	ctx := req.Context()
	call := middleware.CallFrom(ctx)
	call.Visit("tracing")

	attrs := make([]attribute.KeyValue, 0, 10)
	attrs, name := methodAttrs(req.Method, attrs)
	attrs = serverAttrs(req.URL, attrs)
	nMetric := len(attrs) // method and server: what the histogram gets too
	attrs = append(attrs, keyURLFull.String(t.cfg.redact.URL(req.URL)))
	if n := resendCount(ctx, call); n > 0 {
		attrs = append(attrs, keyResendCount.Int(n))
	}
	ctx, span := t.tracer.Start(ctx, name, trace.WithSpanKind(trace.SpanKindClient),
		trace.WithTimestamp(start), trace.WithAttributes(attrs...))

	r := req.WithContext(ctx) // a shallow copy: the caller's request is untouched
	if t.injects {
		if r.Header = req.Header.Clone(); r.Header == nil {
			r.Header = http.Header{}
		}
		t.cfg.prop.Inject(ctx, propagation.HeaderCarrier(r.Header))
	}

	a := &attempt{t: t, ctx: ctx, span: span, start: start, mattrs: attrs[:nMetric:nMetric]}
	resp, err := t.base.RoundTrip(r)
	if err != nil {
		a.end(nil, err)
		return nil, err
	}
	a.response(resp)
	endOnClose(resp, func(err error) { a.end(err, nil) })
	return resp, nil
}

// attempt is one attempt's span and measurement.
type attempt struct {
	t      *transport
	ctx    context.Context
	span   trace.Span
	start  time.Time
	mattrs []attribute.KeyValue
}

// response records what the response's head says.
func (a *attempt) response(resp *http.Response) {
	attrs := make([]attribute.KeyValue, 0, 3)
	attrs = append(attrs, keyStatusCode.Int(resp.StatusCode))
	if resp.StatusCode >= 400 {
		attrs = append(attrs, keyErrorType.String(itoa(resp.StatusCode)))
		a.span.SetStatus(codes.Error, "")
	}
	a.mattrs = append(a.mattrs, attrs...)
	if v := protoVersion(resp); v != "" {
		attrs = append(attrs, keyProtoVersion.String(v))
	}
	a.span.SetAttributes(attrs...)
}

// end ends the span: err is the attempt's error, readErr the error that
// ended reading the body.
func (a *attempt) end(readErr, err error) {
	if err == nil {
		err = readErr
	}
	if err != nil {
		et := keyErrorType.String(errorType(err))
		if !hasKey(a.mattrs, keyErrorType) {
			a.mattrs = append(a.mattrs, et)
		}
		a.span.SetAttributes(et)
		a.span.SetStatus(codes.Error, a.t.cfg.redact.Error(err))
	}
	now := time.Now()
	a.span.End(trace.WithTimestamp(now))
	if a.t.duration.Enabled(a.ctx) {
		a.t.duration.Record(a.ctx, now.Sub(a.start).Seconds(), metric.WithAttributes(a.mattrs...))
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
