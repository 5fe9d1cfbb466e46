package tracing

import (
	"context"
	"net/http"
	"net/url"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"

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
// breaker rejections. Put it outermost (client.WithOuterMiddleware).
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
		return &requestTransport{base: middleware.Base(next), cfg: c, tracer: tracer, ins: ins}
	}
}

type requestInstruments struct {
	retries, failovers, storeHits, breaker metric.Int64Counter
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
}

func (t *requestTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	start := time.Now()
	attrs := make([]attribute.KeyValue, 0, 5)
	attrs, name := methodAttrs(req.Method, attrs)
	method := attrs[0]
	attrs = serverAttrs(req.URL, attrs)
	attrs = append(attrs, keyURLFull.String(t.cfg.redact.URL(req.URL)))
	ctx, span := t.tracer.Start(req.Context(), "taroreq "+name, trace.WithSpanKind(trace.SpanKindInternal),
		trace.WithTimestamp(start), trace.WithAttributes(attrs...))
	count := new(atomic.Int64)
	ctx = context.WithValue(ctx, counterKey{}, count)
	call := middleware.CallFrom(ctx)

	resp, err := t.base.RoundTrip(req.WithContext(ctx))
	if err != nil {
		t.end(ctx, span, call, count, method, nil, err)
		return nil, err
	}
	endOnClose(resp, func(rerr error) { t.end(ctx, span, call, count, method, resp, rerr) })
	return resp, nil
}

// end records what the Call says about the request and ends its span.
func (t *requestTransport) end(ctx context.Context, span trace.Span, call *middleware.Call,
	count *atomic.Int64, method attribute.KeyValue, resp *http.Response, err error) {
	for _, e := range call.Events() {
		t.event(ctx, span, method, e)
	}
	attempts := call.Attempts()
	if attempts == 0 {
		attempts = int(count.Load())
	}
	attrs := make([]attribute.KeyValue, 0, 7)
	attrs = append(attrs, keyAttempts.Int(attempts),
		keyFromStore.Bool(call.FromStore()), keyFromCache.Bool(call.FromCache()))
	answered := call.AnsweredURL()
	if answered != "" {
		answered = t.cfg.redact.String(answered)
	} else if resp != nil && resp.Request != nil {
		answered = t.cfg.redact.URL(resp.Request.URL)
	}
	if answered != "" {
		attrs = append(attrs, keyAnsweredURL.String(answered))
	}
	if resp != nil {
		attrs = append(attrs, keyStatusCode.Int(resp.StatusCode))
		if resp.StatusCode >= 400 {
			attrs = append(attrs, keyErrorType.String(itoa(resp.StatusCode)))
			span.SetStatus(codes.Error, "")
		}
	}
	if err != nil {
		attrs = append(attrs, keyErrorType.String(errorType(err)))
		span.SetStatus(codes.Error, t.cfg.redact.Error(err))
	}
	span.SetAttributes(attrs...)
	span.End()
}

// event adds a Call event to the span and counts it.
func (t *requestTransport) event(ctx context.Context, span trace.Span, method attribute.KeyValue, e middleware.Event) {
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
			attrs = append(attrs, keyEventError.String(t.cfg.redact.Error(e.Err)))
		}
		span.AddEvent(e.Name, trace.WithTimestamp(e.At), trace.WithAttributes(attrs...))
	}
	if ctr := t.ins.forEvent(e.Name); ctr != nil && ctr.Enabled(ctx) {
		attrs := append(make([]attribute.KeyValue, 0, 3), method)
		attrs = serverAttrs(u, attrs)
		ctr.Add(ctx, 1, metric.WithAttributes(attrs...))
	}
}
