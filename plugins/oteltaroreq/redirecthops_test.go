package oteltaroreq_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/plugins/oteltaroreq"
)

// redirectedAfterRetries serves a call that is retried once on origin a,
// redirected from there to origin b, and retried once on b: two retries in
// all, one on each hop.
func redirectedAfterRetries(t *testing.T) (start string) {
	t.Helper()
	var na, nb atomic.Int32
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if nb.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("{}"))
	}))
	t.Cleanup(b.Close)
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if na.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		http.Redirect(w, r, b.URL+"/next", http.StatusFound)
	}))
	t.Cleanup(a.Close)
	return a.URL + "/start"
}

// Each pass of a redirected call through the stack (one per hop) has its
// request span; the Call's events are the whole call's. A hop's span
// reports, and the counters count, the events of that hop only: the first
// hop's retry was reported again by the second hop's span and counted
// twice in taroreq.client.retries (3 retries for 2).
func TestRedirectHopsReportEachEventOnce(t *testing.T) {
	start := redirectedAfterRetries(t)
	sr := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sr))
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	defer tp.Shutdown(context.Background())
	defer mp.Shutdown(context.Background())
	c := client.New(oteltaroreq.Instrument(oteltaroreq.WithTracerProvider(tp), oteltaroreq.WithMeterProvider(mp)),
		client.WithRetry(retry.WithSleep(func(context.Context, time.Duration) error { return nil })))
	resp, err := c.Request(context.Background(), client.Option{URL: start})
	if err != nil || resp.StatusCode != 200 || resp.Attempts != 4 {
		t.Fatalf("status %d attempts %d err %v", resp.StatusCode, resp.Attempts, err)
	}
	if got := sums(t, reader)["taroreq.client.retries"]; got != 2 {
		t.Errorf("taroreq.client.retries = %d, want 2 (one retry on each hop)", got)
	}
	events := 0
	for _, s := range sr.Ended() {
		if s.Name() != "taroreq GET" {
			continue
		}
		for _, e := range s.Events() {
			if e.Name == "retry" {
				events++
			}
		}
	}
	if events != 2 {
		t.Errorf("%d retry span events in the request spans, want 2", events)
	}
}

// A redirected call is one trace: the request span of a later hop (and its
// attempts, whose traceparent goes to the origin redirected to) is in the
// trace of the call's first request span, its child. Each hop began a trace
// of its own when the caller's context had no span, so origin a and
// origin b saw two unrelated traces for one call.
func TestRedirectHopsShareTheCallsTrace(t *testing.T) {
	start := redirectedAfterRetries(t)
	sr := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sr))
	defer tp.Shutdown(context.Background())
	c := client.New(oteltaroreq.Instrument(oteltaroreq.WithTracerProvider(tp)),
		client.WithRetry(retry.WithSleep(func(context.Context, time.Duration) error { return nil })))
	resp, err := c.Request(context.Background(), client.Option{URL: start})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("status %d err %v", resp.StatusCode, err)
	}
	spans := sr.Ended()
	if len(spans) != 6 { // two request spans, four attempts
		t.Fatalf("%d spans", len(spans))
	}
	var first sdktrace.ReadOnlySpan
	for _, s := range spans {
		if s.Name() == "taroreq GET" && !s.Parent().IsValid() {
			if first != nil {
				t.Fatalf("two root request spans: %v and %v", first.SpanContext().TraceID(), s.SpanContext().TraceID())
			}
			first = s
		}
	}
	if first == nil {
		t.Fatal("no root request span")
	}
	for _, s := range spans {
		if s.SpanContext().TraceID() != first.SpanContext().TraceID() {
			t.Errorf("span %q (%s) is in trace %s, not the call's %s", s.Name(), attr(s, "url.full"),
				s.SpanContext().TraceID(), first.SpanContext().TraceID())
		}
		if s.Name() == "taroreq GET" && s != first && s.Parent().SpanID() != first.SpanContext().SpanID() {
			t.Errorf("the redirect hop's request span is not a child of the call's first one")
		}
	}
}
