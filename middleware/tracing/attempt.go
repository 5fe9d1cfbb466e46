package tracing

import (
	"context"
	"net/http"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"

	"github.com/taroreq/taroreq/internal/credential"
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
// attributes and its body wrapper: one allocation, made only when the span
// records or the histogram is enabled.
type attempt struct {
	t      *transport
	req    *http.Request // its credentials, for a failure's text (RequestEchoes)
	ctx    context.Context
	span   trace.Span
	start  time.Time
	attrs  [4]attribute.KeyValue // status, error.type, protocol version
	mbuf   [6]attribute.KeyValue
	mattrs []attribute.KeyValue // method, server, status, error.type: the histogram's
	body   body
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := middleware.CheckRequest(req); err != nil {
		return nil, err
	}
	ctx := req.Context()
	call := middleware.CallFrom(ctx)
	call.Visit("tracing")
	if t.cfg.silent() && !trace.SpanContextFromContext(ctx).IsValid() && baggage.FromContext(ctx).Len() == 0 {
		// Nothing to record, nothing to propagate: what the not-recording
		// branch below ends in, without a span. The attempt is still
		// counted for the request layer, which may record with other
		// providers.
		if c, ok := ctx.Value(counterKey{}).(*atomic.Int64); ok {
			c.Add(1)
		}
		return t.base.RoundTrip(req)
	}
	start := time.Now() // after the silent path, which measures nothing
	resend := resendCount(ctx, call)

	// Samplers see the method and the server; url.full and the resend count
	// are set once the span is known to record, so that a no-op provider
	// costs next to nothing.
	head := make([]attribute.KeyValue, 0, 4)
	head, name := methodAttrs(req.Method, head)
	head = serverAttrs(req.URL, head)
	sctx, span := t.tracer.Start(ctx, name, t.kind, trace.WithAttributes(head...))
	if !span.IsRecording() && !t.duration.Enabled(ctx) {
		span.End()
		if !span.SpanContext().IsValid() && baggage.FromContext(ctx).Len() == 0 {
			return t.base.RoundTrip(req) // nothing to record, nothing to propagate
		}
		hc := headerCarrier{orig: req, ctx: sctx}
		t.cfg.prop.Inject(sctx, &hc)
		return t.base.RoundTrip(hc.request())
	}
	hc := headerCarrier{orig: req, ctx: sctx}
	t.cfg.prop.Inject(sctx, &hc)
	out := hc.request()
	a := &attempt{t: t, req: req, ctx: sctx, span: span, start: start}
	a.mattrs = a.mbuf[:0]
	for _, kv := range head {
		if kv.Key != keyMethodOriginal { // the span's: a metric attribute stays bounded
			a.mattrs = append(a.mattrs, kv)
		}
	}
	if span.IsRecording() {
		span.SetAttributes(keyURLFull.String(t.cfg.redact.URL(req.URL)))
		if resend > 0 {
			span.SetAttributes(keyResendCount.Int(resend))
		}
	}
	resp, err := t.base.RoundTrip(out)
	if err != nil {
		a.finish(err)
		return nil, err
	}
	a.response(resp)
	endOnClose(resp, a, &a.body)
	return resp, nil
}

// headerCarrier lets a propagator write into a copy of the request, with
// its own header map, made on the first write: the caller's request is
// untouched, and nothing is copied when nothing is propagated.
type headerCarrier struct {
	orig *http.Request
	ctx  context.Context
	req  *http.Request // the copy, nil until the first Set
}

func (c *headerCarrier) header() http.Header {
	if c.req != nil {
		return c.req.Header
	}
	return c.orig.Header
}

func (c *headerCarrier) Get(key string) string { return c.header().Get(key) }

func (c *headerCarrier) Set(key, value string) {
	if c.req == nil {
		c.req = c.orig.WithContext(c.ctx)
		if c.req.Header = c.orig.Header.Clone(); c.req.Header == nil {
			c.req.Header = http.Header{}
		}
	}
	c.req.Header.Set(key, value)
}

func (c *headerCarrier) Keys() []string {
	h := c.header()
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	return keys
}

// request is the request to send on: the copy if a propagator wrote, else
// the original with the attempt span's context.
func (c *headerCarrier) request() *http.Request {
	if c.req != nil {
		return c.req
	}
	if c.ctx == c.orig.Context() {
		return c.orig
	}
	return c.orig.WithContext(c.ctx)
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
	attrs := append(a.attrs[:0], status)
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
		names := middleware.CredentialHeaderNames(a.ctx)
		a.span.SetStatus(codes.Error, credential.RedactEchoedText(a.t.cfg.redact.ErrorNaming(err, names),
			credential.RequestEchoes(a.req.Header, a.req.URL, names)))
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

// CloseIdleConnections closes the idle connections of the transport below,
// as http.Client.CloseIdleConnections asks of its Transport.
func (t *transport) CloseIdleConnections() { middleware.CloseIdleConnections(t.base) }

// Unwrap returns the transport below the layer, which the client and the
// store and HTTP cache layers look through to find a transport that tells
// its user by the connection (a TLS client certificate).
func (t *transport) Unwrap() http.RoundTripper { return t.base }

// PassesCredentialsTo returns the RoundTripper every attempt goes on to,
// with the credential headers it came with (a client need not watch the
// layer for credentials it sets: it adds a trace context alone).
func (t *transport) PassesCredentialsTo() http.RoundTripper { return t.base }
