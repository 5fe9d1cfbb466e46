package tracing

import (
	"context"
	"net/http"
	"net/url"
	"sync/atomic"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
)

// Counter names fed from a Call's events.
const (
	MetricRetries           = "taroreq.client.retries"
	MetricFailovers         = "taroreq.client.failovers"
	MetricStoreHits         = "taroreq.client.store_hits"
	MetricBreakerRejections = "taroreq.client.breaker_rejections"
)

// RequestMiddleware returns the layer that makes one INTERNAL span per
// logical request ("taroreq GET"), the parent of the attempts' spans, and
// counts the Call's retries, failovers, store hits (fresh and stale) and
// breaker rejections. Put it outermost (client.WithOuterLayers).
func RequestMiddleware(opts ...Option) middleware.Middleware {
	c := newConfig(opts)
	m := c.meter()
	counter := func(name, desc string) metric.Int64Counter {
		ctr, err := m.Int64Counter(name, metric.WithUnit("{event}"), metric.WithDescription(desc))
		handle(err)
		return ctr
	}
	ins := &requestInstruments{
		retries:   counter(MetricRetries, "Attempts retried by the retry layer."),
		failovers: counter(MetricFailovers, "Failovers to a backup URL."),
		storeHits: counter(MetricStoreHits, "Responses answered by the store, fresh or as the stale fallback."),
		breaker:   counter(MetricBreakerRejections, "Attempts refused by an open circuit breaker."),
	}
	tracer := c.tracer()
	return func(next http.RoundTripper) http.RoundTripper {
		return &requestTransport{base: middleware.Base(next), cfg: c, tracer: tracer, ins: ins,
			kind: trace.WithSpanKind(trace.SpanKindInternal)}
	}
}

type requestInstruments struct {
	retries, failovers, storeHits, breaker metric.Int64Counter
}

// enabled reports whether any counter records.
func (ins *requestInstruments) enabled(ctx context.Context) bool {
	return ins.retries.Enabled(ctx) || ins.failovers.Enabled(ctx) || ins.storeHits.Enabled(ctx) || ins.breaker.Enabled(ctx)
}

// forEvent returns the counter an event feeds, or nil.
func (ins *requestInstruments) forEvent(name string) metric.Int64Counter {
	switch name {
	case middleware.EventRetry:
		return ins.retries
	case middleware.EventFailover:
		return ins.failovers
	case middleware.EventStoreHit, middleware.EventStoreFallback:
		return ins.storeHits
	case middleware.EventBreakerOpen:
		return ins.breaker
	}
	return nil
}

type requestTransport struct {
	base   http.RoundTripper
	cfg    config
	tracer trace.Tracer
	ins    *requestInstruments
	kind   trace.SpanStartOption
}

func (t *requestTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := middleware.CheckRequest(req); err != nil {
		return nil, err
	}
	if t.cfg.silent() && !trace.SpanContextFromContext(req.Context()).IsValid() {
		// What the not-recording branch below ends in, without building a
		// span that nobody sees.
		return t.base.RoundTrip(req)
	}
	attrs := make([]attribute.KeyValue, 0, 5)
	attrs, name := methodAttrs(req.Method, attrs)
	method := attrs[0]
	attrs = serverAttrs(req.URL, attrs)
	ctx, call := req.Context(), middleware.CallFrom(req.Context())
	if sc, ok := call.RequestSpan().(trace.SpanContext); ok {
		// A later hop of a redirected call: in the call's trace, under
		// the request span of its first pass.
		ctx = trace.ContextWithSpanContext(ctx, sc)
	}
	ctx, span := t.tracer.Start(ctx, "taroreq "+name, t.kind, trace.WithAttributes(attrs...))
	if !span.SpanContext().IsValid() {
		call = nil // nothing for the next hops to join
	}
	if !span.IsRecording() && !t.ins.enabled(ctx) {
		// A no-op provider: nothing to record or count. A valid (sampled
		// out) span context still flows down to the attempts.
		span.End()
		if !span.SpanContext().IsValid() {
			return t.base.RoundTrip(req)
		}
		resp, err := t.base.RoundTrip(req.WithContext(ctx))
		keepForHops(call, span, resp)
		return resp, err
	}
	if span.IsRecording() {
		span.SetAttributes(keyURLFull.String(t.cfg.redact.URL(req.URL)))
	}
	lr := &logical{t: t, req: req, method: method}
	lr.ctx, lr.span = context.WithValue(ctx, counterKey{}, &lr.count), span
	lr.call = middleware.CallFrom(ctx)
	// A redirected call passes through the stack once a hop, with the same
	// Call: the events before this pass are an earlier hop's, reported by
	// that hop's span.
	lr.seen = len(lr.call.Events())

	resp, err := t.base.RoundTrip(req.WithContext(lr.ctx))
	if err != nil {
		lr.finish(nil, err)
		return nil, err
	}
	lr.resp = resp
	keepForHops(call, span, resp)
	endOnClose(resp, lr, &lr.body)
	return resp, nil
}

// keepForHops keeps span's context in call when resp is a redirect the
// client may follow: the next hop's request span is its child
// (Call.SetRequestSpan). A call that is not redirected keeps nothing.
func keepForHops(call *middleware.Call, span trace.Span, resp *http.Response) {
	if call == nil || resp == nil {
		return
	}
	switch resp.StatusCode {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		call.SetRequestSpan(span.SpanContext())
	}
}

// logical is one logical request's span, with its attempt count and its
// body wrapper: one allocation.
type logical struct {
	t      *requestTransport
	ctx    context.Context
	span   trace.Span
	call   *middleware.Call
	req    *http.Request // its credentials, for a failure's text (RequestEchoes)
	method attribute.KeyValue
	count  atomic.Int64
	seen   int // the Call's events when this pass began
	resp   *http.Response
	body   body
}

func (lr *logical) end(readErr error) { lr.finish(lr.resp, readErr) }

// finish records what the Call says about the request and ends its span.
func (lr *logical) finish(resp *http.Response, err error) {
	span, call := lr.span, lr.call
	events := call.Events()
	// The request's credentials, for the errors' texts: made once, when
	// one has an error.
	var echoes []string
	echoesMade := false
	echoesOf := func() []string {
		if !echoesMade {
			echoes, echoesMade = credential.RequestEchoes(lr.req.Header, lr.req.URL, middleware.CredentialHeaderNames(lr.ctx)), true
		}
		return echoes
	}
	for _, e := range events[min(lr.seen, len(events)):] {
		var ev []string
		if e.Err != nil && span.IsRecording() {
			ev = echoesOf()
		}
		lr.t.event(lr.ctx, span, lr.method, e, ev)
	}
	if resp != nil && resp.StatusCode >= 400 {
		span.SetStatus(codes.Error, "")
	}
	if err != nil {
		names := middleware.CredentialHeaderNames(lr.ctx)
		span.SetStatus(codes.Error, credential.RedactEchoedText(lr.t.cfg.redact.ErrorNaming(err, names), echoesOf()))
	}
	if span.IsRecording() {
		span.SetAttributes(lr.attributes(resp, err)...)
	}
	span.End()
}

// attributes are what the request's span learns at its end.
func (lr *logical) attributes(resp *http.Response, err error) []attribute.KeyValue {
	call := lr.call
	attempts := call.Attempts()
	if attempts == 0 {
		attempts = int(lr.count.Load())
	}
	attrs := make([]attribute.KeyValue, 0, 7)
	attrs = append(attrs, keyAttempts.Int(attempts),
		keyFromStore.Bool(call.FromStore()), keyFromCache.Bool(call.FromCache()))
	answered := call.AnsweredURL()
	if answered != "" {
		answered = lr.t.cfg.redact.String(answered)
	} else if resp != nil && resp.Request != nil {
		answered = lr.t.cfg.redact.URL(resp.Request.URL)
	}
	if answered != "" {
		attrs = append(attrs, keyAnsweredURL.String(answered))
	}
	if resp != nil {
		attrs = append(attrs, keyStatusCode.Int(resp.StatusCode))
		if resp.StatusCode >= 400 && err == nil {
			attrs = append(attrs, keyErrorType.String(itoa(resp.StatusCode)))
		}
	}
	if err != nil {
		attrs = append(attrs, keyErrorType.String(errorType(err)))
	}
	return attrs
}

// event adds a Call event to the span and counts it.
// echoes are the request's credential values (credential.RequestEchoes),
// which a server's words quoted in the event's error may echo.
func (t *requestTransport) event(ctx context.Context, span trace.Span, method attribute.KeyValue, e middleware.Event, echoes []string) {
	var u *url.URL
	if e.URL != "" {
		u, _ = url.Parse(e.URL)
	}
	if span.IsRecording() {
		attrs := make([]attribute.KeyValue, 0, 2)
		if u != nil {
			attrs = append(attrs, keyURLFull.String(t.cfg.redact.URL(u)))
		}
		if e.Err != nil {
			attrs = append(attrs, keyEventError.String(credential.RedactEchoedText(
				t.cfg.redact.ErrorNaming(e.Err, middleware.CredentialHeaderNames(ctx)), echoes)))
		}
		span.AddEvent(e.Name, trace.WithTimestamp(e.At), trace.WithAttributes(attrs...))
	}
	if ctr := t.ins.forEvent(e.Name); ctr != nil && ctr.Enabled(ctx) {
		attrs := append(make([]attribute.KeyValue, 0, 3), method)
		attrs = serverAttrs(u, attrs)
		ctr.Add(ctx, 1, metric.WithAttributes(attrs...))
	}
}

// CloseIdleConnections closes the idle connections of the transport below,
// as http.Client.CloseIdleConnections asks of its Transport.
func (t *requestTransport) CloseIdleConnections() { middleware.CloseIdleConnections(t.base) }

// Unwrap returns the transport below the layer, which the client and the
// store and HTTP cache layers look through to find a transport that tells
// its user by the connection (a TLS client certificate).
func (t *requestTransport) Unwrap() http.RoundTripper { return t.base }
