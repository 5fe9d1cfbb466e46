package tracing_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/tracing"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// flaky answers 503 the first fail times, then 200 "ok".
func flaky(fail int) (*httptest.Server, *[]string) {
	var mu sync.Mutex
	var n int
	var parents []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		mu.Lock()
		n++
		i := n
		parents = append(parents, req.Header.Get("Traceparent"))
		mu.Unlock()
		if i <= fail {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = io.WriteString(w, "ok")
	}))
	return srv, &parents
}

var noWait = retry.WithSleep(func(context.Context, time.Duration) error { return nil })

func TestRetryParentAndResend(t *testing.T) {
	for _, withCall := range []bool{false, true} {
		t.Run(fmt.Sprintf("call=%v", withCall), func(t *testing.T) {
			r := newRig(t)
			srv, parents := flaky(1)
			defer srv.Close()
			rt := middleware.Chain(srv.Client().Transport,
				tracing.RequestMiddleware(r.opts...), retry.Middleware(noWait), tracing.Middleware(r.opts...))
			ctx := context.Background()
			if withCall {
				ctx = middleware.WithCall(ctx, middleware.NewCall(middleware.Settings{RetryTimes: 2}))
			}
			req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/x?access_token=t0k", nil)
			resp, err := rt.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(r.sr.Ended()); n != 1 {
				t.Errorf("%d spans ended before the body was read, want 1 (the discarded 503)", n)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()

			spans := r.sr.Ended()
			if len(spans) != 3 {
				t.Fatalf("%d spans, want 3", len(spans))
			}
			first, second, parent := spans[0], spans[1], spans[2]
			if parent.Name() != "taroreq GET" || parent.SpanKind() != trace.SpanKindInternal {
				t.Errorf("request span %q %v", parent.Name(), parent.SpanKind())
			}
			for _, s := range []sdktrace.ReadOnlySpan{first, second} {
				if s.Name() != "GET" || s.SpanKind() != trace.SpanKindClient {
					t.Errorf("attempt span %q %v", s.Name(), s.SpanKind())
				}
				if s.Parent().SpanID() != parent.SpanContext().SpanID() || s.SpanContext().TraceID() != parent.SpanContext().TraceID() {
					t.Errorf("attempt span's parent %v, want the request span %v", s.Parent().SpanID(), parent.SpanContext().SpanID())
				}
			}
			if parent.Parent().IsValid() {
				t.Error("the request span has a parent")
			}
			wantAttr(t, first, "http.response.status_code", 503)
			wantAttr(t, first, "error.type", "503")
			noAttr(t, first, "http.request.resend_count")
			wantAttr(t, second, "http.response.status_code", 200)
			wantAttr(t, second, "http.request.resend_count", 1)
			noAttr(t, second, "error.type")

			wantAttr(t, parent, "taroreq.attempts", 2)
			wantAttr(t, parent, "taroreq.from_store", false)
			wantAttr(t, parent, "taroreq.from_cache", false)
			wantAttr(t, parent, "http.response.status_code", 200)
			wantAttr(t, parent, "url.full", srv.URL+"/x?access_token=REDACTED")
			wantAttr(t, parent, "taroreq.answered_url", srv.URL+"/x?access_token=REDACTED")
			if parent.Status().Code == codes.Error {
				t.Errorf("request span status %v", parent.Status())
			}
			if withCall {
				ev := parent.Events()
				if len(ev) != 1 || ev[0].Name != middleware.EventRetry {
					t.Fatalf("events %+v", ev)
				}
				for _, kv := range ev[0].Attributes {
					if strings.Contains(kv.Value.Emit(), "t0k") {
						t.Errorf("secret in event attribute %s", kv.Key)
					}
				}
			}
			for i, tp := range *parents {
				s := []sdktrace.ReadOnlySpan{first, second}[i]
				if want := fmt.Sprintf("00-%s-%s-01", s.SpanContext().TraceID(), s.SpanContext().SpanID()); tp != want {
					t.Errorf("attempt %d: traceparent %q, want %q", i+1, tp, want)
				}
			}

			m := r.metrics(t)
			hist := m["http.client.request.duration"].(metricdata.Histogram[float64])
			var n uint64
			for _, dp := range hist.DataPoints {
				n += dp.Count
			}
			if n != 2 || len(hist.DataPoints) != 2 {
				t.Errorf("histogram: %d points, count %d; want 2 (503 and 200)", len(hist.DataPoints), n)
			}
			if withCall {
				sum := m[tracing.MetricRetries].(metricdata.Sum[int64])
				if len(sum.DataPoints) != 1 || sum.DataPoints[0].Value != 1 {
					t.Errorf("retries %+v", sum.DataPoints)
				}
			}
		})
	}
}

// events is a layer that records Call events, as the store, backup and
// breaker layers do.
func events(names ...string) middleware.Middleware {
	return func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			call := middleware.CallFrom(req.Context())
			for _, n := range names {
				call.AddEvent(middleware.Event{Name: n, URL: "https://backup.test/?key=zz",
					Err: &url.Error{Op: "Get", URL: "https://backup.test/?key=zz", Err: errors.New("refused")}})
			}
			if len(names) > 0 && names[0] == middleware.EventStoreHit {
				call.SetFromStore()
			}
			call.SetAnsweredURL("https://backup.test/?key=zz")
			return next.RoundTrip(req)
		})
	}
}

func TestCallEventsAndCounters(t *testing.T) {
	r := newRig(t)
	names := []string{middleware.EventStoreHit, middleware.EventBreakerOpen, middleware.EventFailover,
		middleware.EventFailover, middleware.EventRetry, middleware.EventCacheHit}
	stub := middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("{}")), Request: req}, nil
	})
	rt := middleware.Chain(stub, tracing.RequestMiddleware(r.opts...), events(names...))
	ctx := middleware.WithCall(context.Background(), middleware.NewCall(middleware.Settings{}))
	req, _ := http.NewRequestWithContext(ctx, "POST", "http://primary.test/", strings.NewReader("x"))
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	spans := r.sr.Ended()
	if len(spans) != 1 {
		t.Fatalf("%d spans", len(spans))
	}
	s := spans[0]
	if s.Name() != "taroreq POST" {
		t.Errorf("name %q", s.Name())
	}
	wantAttr(t, s, "taroreq.from_store", true)
	wantAttr(t, s, "taroreq.answered_url", "https://backup.test/?key=REDACTED")
	wantAttr(t, s, "taroreq.attempts", 0)
	var got []string
	for _, e := range s.Events() {
		got = append(got, e.Name)
		for _, kv := range e.Attributes {
			if strings.Contains(kv.Value.Emit(), "zz") {
				t.Errorf("event %s: secret in %s = %s", e.Name, kv.Key, kv.Value.Emit())
			}
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(names) {
		t.Errorf("events %v, want %v", got, names)
	}
	m := r.metrics(t)
	for name, want := range map[string]int64{tracing.MetricStoreHits: 1, tracing.MetricBreakerRejections: 1,
		tracing.MetricFailovers: 2, tracing.MetricRetries: 1} {
		sum, ok := m[name].(metricdata.Sum[int64])
		if !ok || len(sum.DataPoints) != 1 || sum.DataPoints[0].Value != want {
			t.Errorf("%s = %+v, want %d", name, m[name], want)
			continue
		}
		if v, _ := sum.DataPoints[0].Attributes.Value("server.address"); v.AsString() != "backup.test" {
			t.Errorf("%s server.address %q", name, v.AsString())
		}
	}
}

func TestRequestError(t *testing.T) {
	r := newRig(t)
	stub := middleware.RoundTripperFunc(func(*http.Request) (*http.Response, error) {
		return nil, &url.Error{Op: "Get", URL: "http://h.test/?password=pw", Err: errors.New("connection refused")}
	})
	rt := middleware.Chain(stub, tracing.RequestMiddleware(r.opts...), tracing.Middleware(r.opts...))
	req, _ := http.NewRequest("GET", "http://h.test/?password=pw", nil)
	if _, err := rt.RoundTrip(req); err == nil {
		t.Fatal("no error")
	}
	spans := r.sr.Ended()
	if len(spans) != 2 {
		t.Fatalf("%d spans", len(spans))
	}
	q := spans[1]
	if q.Status().Code != codes.Error || strings.Contains(q.Status().Description, "pw") ||
		!strings.Contains(q.Status().Description, "connection refused") {
		t.Errorf("status %+v", q.Status())
	}
	wantAttr(t, q, "error.type", "*errors.errorString")
	wantAttr(t, q, "taroreq.attempts", 1)
}

func TestConcurrent(t *testing.T) {
	r := newRig(t)
	srv, _ := flaky(0)
	defer srv.Close()
	c := &http.Client{Transport: middleware.Chain(srv.Client().Transport,
		tracing.RequestMiddleware(r.opts...), tracing.Middleware(r.opts...))}
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := c.Get(srv.URL)
			if err != nil {
				t.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
		}()
	}
	wg.Wait()
	if n := len(r.sr.Ended()); n != 32 {
		t.Errorf("%d spans, want 32", n)
	}
}

func TestBreakerState(t *testing.T) {
	r := newRig(t)
	var seen []breaker.State
	obs := tracing.BreakerStateObserver(func(_ string, _, to breaker.State) { seen = append(seen, to) }, r.opts...)
	down := middleware.RoundTripperFunc(func(*http.Request) (*http.Response, error) { return nil, errors.New("down") })
	rt := middleware.Chain(down, tracing.RequestMiddleware(r.opts...),
		breaker.Middleware(breaker.WithThreshold(2), breaker.WithStateChange(obs)))
	for range 3 {
		ctx := middleware.WithCall(context.Background(), middleware.NewCall(middleware.Settings{}))
		req, _ := http.NewRequestWithContext(ctx, "GET", "http://h.test/", nil)
		if _, err := rt.RoundTrip(req); err == nil {
			t.Fatal("no error")
		}
	}
	if len(seen) != 1 || seen[0] != breaker.State(2) {
		t.Errorf("next saw %v", seen)
	}
	m := r.metrics(t)
	g, ok := m[tracing.MetricBreakerState].(metricdata.Gauge[int64])
	if !ok || len(g.DataPoints) != 1 || g.DataPoints[0].Value != 2 {
		t.Fatalf("gauge %+v", m[tracing.MetricBreakerState])
	}
	if v, _ := g.DataPoints[0].Attributes.Value("taroreq.breaker.key"); v.AsString() == "" {
		t.Error("no circuit key")
	}
	rej, ok := m[tracing.MetricBreakerRejections].(metricdata.Sum[int64])
	if !ok || len(rej.DataPoints) != 1 || rej.DataPoints[0].Value != 1 {
		t.Errorf("breaker rejections %+v", m[tracing.MetricBreakerRejections])
	}
}

// TestSpansRedactAQuotedLineOfAnAddedCredentialName: net/http's error for
// a malformed header line quotes the line whole. The call's error redacts
// the value of a header named by the client's WithCredentialHeaders
// ("X-Workspace"); the status of the call's spans, the request's and the
// attempt's, showed it.
func TestSpansRedactAQuotedLineOfAnAddedCredentialName(t *testing.T) {
	u := layertest.RawAnswers(t, func(string) string {
		return "HTTP/1.1 200 OK\r\nx-workspace: tenant-secret\x01\r\nContent-Length: 0\r\n\r\n"
	})
	r := newRig(t)
	c := client.New(client.WithCredentialHeaders("X-Workspace"),
		client.WithOuterLayers(tracing.RequestMiddleware(r.opts...)),
		client.WithInnerLayers(tracing.Middleware(r.opts...)))
	defer c.CloseIdleConnections()
	_, err := c.Request(context.Background(), client.Option{URL: u + "/me", RetryTimes: client.NoRetry})
	if err == nil || !strings.Contains(err.Error(), "malformed MIME header") {
		t.Fatalf("err %v; want net/http's malformed header error", err)
	}
	spans := r.sr.Ended()
	if len(spans) < 2 {
		t.Fatalf("%d spans; want the request's and the attempt's", len(spans))
	}
	for _, s := range spans {
		d := s.Status().Description
		if strings.Contains(d, "tenant-secret") || !strings.Contains(strings.ToLower(d), "x-workspace: redacted") {
			t.Errorf("span %q status %q; want X-Workspace's value REDACTED", s.Name(), d)
		}
		for _, e := range s.Events() {
			for _, a := range e.Attributes {
				if strings.Contains(a.Value.Emit(), "tenant-secret") {
					t.Errorf("span %q event %q: %s", s.Name(), e.Name, a.Value.Emit())
				}
			}
		}
	}
}
