package tracing_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/timeout"
	"github.com/taroreq/taroreq/middleware/tracing"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	metricnoop "go.opentelemetry.io/otel/metric/noop"
	"go.opentelemetry.io/otel/propagation"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
	tracenoop "go.opentelemetry.io/otel/trace/noop"
)

// rig is an SDK with a span recorder and a manual metric reader.
type rig struct {
	sr     *tracetest.SpanRecorder
	reader *sdkmetric.ManualReader
	opts   []tracing.Option
}

func newRig(t *testing.T, extra ...tracing.Option) *rig {
	t.Helper()
	sr := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sr))
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	t.Cleanup(func() {
		_ = tp.Shutdown(context.Background())
		_ = mp.Shutdown(context.Background())
	})
	opts := append([]tracing.Option{tracing.WithTracerProvider(tp), tracing.WithMeterProvider(mp),
		tracing.WithPropagators(propagation.TraceContext{})}, extra...)
	return &rig{sr: sr, reader: reader, opts: opts}
}

func (r *rig) metrics(t *testing.T) map[string]metricdata.Aggregation {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := r.reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	out := map[string]metricdata.Aggregation{}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			out[m.Name] = m.Data
		}
	}
	return out
}

func attrs(s sdktrace.ReadOnlySpan) map[attribute.Key]attribute.Value {
	m := map[attribute.Key]attribute.Value{}
	for _, kv := range s.Attributes() {
		m[kv.Key] = kv.Value
	}
	return m
}

func wantAttr(t *testing.T, s sdktrace.ReadOnlySpan, key string, want any) {
	t.Helper()
	v, ok := attrs(s)[attribute.Key(key)]
	if !ok {
		t.Errorf("span %q: no attribute %s (want %v)", s.Name(), key, want)
		return
	}
	if got := v.AsInterface(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("span %q: %s = %v, want %v", s.Name(), key, got, want)
	}
}

func noAttr(t *testing.T, s sdktrace.ReadOnlySpan, key string) {
	t.Helper()
	if v, ok := attrs(s)[attribute.Key(key)]; ok {
		t.Errorf("span %q: unexpected %s = %v", s.Name(), key, v.AsInterface())
	}
}

func TestAttemptSpan(t *testing.T) {
	r := newRig(t)
	var traceparent atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		traceparent.Store(req.Header.Get("Traceparent"))
		_, _ = io.WriteString(w, "hello")
	}))
	defer srv.Close()
	rt := tracing.New(srv.Client().Transport, r.opts...)

	u, _ := url.Parse(srv.URL)
	req, _ := http.NewRequest("GET", "http://alice:s3cret@"+u.Host+"/path?q=1&token=abc&API_KEY=k&sig=x#frag", nil)
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	if req.Header.Get("Traceparent") != "" {
		t.Error("the caller's request was given a traceparent")
	}
	if n := len(r.sr.Ended()); n != 0 {
		t.Fatalf("%d spans ended before the body was closed", n)
	}
	if n := len(r.sr.Started()); n != 1 {
		t.Fatalf("%d spans started, want 1", n)
	}
	b, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if string(b) != "hello" {
		t.Errorf("body %q", b)
	}
	spans := r.sr.Ended()
	if len(spans) != 1 {
		t.Fatalf("%d spans ended, want 1", len(spans))
	}
	s := spans[0]
	if s.Name() != "GET" || s.SpanKind() != trace.SpanKindClient {
		t.Errorf("span %q kind %v, want GET client", s.Name(), s.SpanKind())
	}
	port, _ := strconv.Atoi(u.Port())
	wantAttr(t, s, "http.request.method", "GET")
	wantAttr(t, s, "url.full", "http://"+u.Host+"/path?q=1&token=REDACTED&API_KEY=REDACTED&sig=REDACTED")
	wantAttr(t, s, "server.address", "127.0.0.1")
	wantAttr(t, s, "server.port", port)
	wantAttr(t, s, "http.response.status_code", 200)
	wantAttr(t, s, "network.protocol.version", "1.1")
	noAttr(t, s, "http.request.resend_count")
	noAttr(t, s, "error.type")
	for _, kv := range s.Attributes() {
		if strings.Contains(kv.Value.Emit(), "s3cret") || strings.Contains(kv.Value.Emit(), "abc") {
			t.Errorf("secret in %s = %s", kv.Key, kv.Value.Emit())
		}
	}
	want := fmt.Sprintf("00-%s-%s-01", s.SpanContext().TraceID(), s.SpanContext().SpanID())
	if got, _ := traceparent.Load().(string); got != want {
		t.Errorf("server got traceparent %q, want %q", got, want)
	}

	hist := r.metrics(t)["http.client.request.duration"].(metricdata.Histogram[float64])
	if len(hist.DataPoints) != 1 || hist.DataPoints[0].Count != 1 {
		t.Fatalf("histogram %+v", hist.DataPoints)
	}
	dp := hist.DataPoints[0]
	if len(dp.Bounds) != 14 || dp.Bounds[0] != 0.005 || dp.Bounds[13] != 10 {
		t.Errorf("bounds %v", dp.Bounds)
	}
	for k, v := range map[string]any{"http.request.method": "GET", "server.address": "127.0.0.1", "server.port": port,
		"http.response.status_code": 200} {
		if got, ok := dp.Attributes.Value(attribute.Key(k)); !ok || fmt.Sprint(got.AsInterface()) != fmt.Sprint(v) {
			t.Errorf("histogram %s = %v, want %v", k, got.AsInterface(), v)
		}
	}
	if _, ok := dp.Attributes.Value("url.full"); ok {
		t.Error("url.full is a histogram attribute (unbounded cardinality)")
	}
}

func TestSpanEndsAtEOF(t *testing.T) {
	r := newRig(t)
	stub := middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("abc")), Request: req}, nil
	})
	req, _ := http.NewRequest("GET", "https://example.test/", nil)
	resp, err := tracing.New(stub, r.opts...).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadAll(resp.Body); err != nil {
		t.Fatal(err)
	}
	spans := r.sr.Ended()
	if len(spans) != 1 {
		t.Fatalf("%d spans ended at EOF, want 1", len(spans))
	}
	wantAttr(t, spans[0], "server.port", 443)
	_ = resp.Body.Close()
	if n := len(r.sr.Ended()); n != 1 {
		t.Errorf("%d spans after Close, want still 1", n)
	}
}

func TestBufferedBodyKeepsBytes(t *testing.T) {
	r := newRig(t)
	stub := middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Body: middleware.NewBufferedBody([]byte("xyz")), Request: req}, nil
	})
	req, _ := http.NewRequest("GET", "http://example.test/", nil)
	resp, err := tracing.New(stub, r.opts...).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	bb, ok := resp.Body.(interface{ Bytes() []byte })
	if !ok || string(bb.Bytes()) != "xyz" {
		t.Fatalf("body %T lost its Bytes method", resp.Body)
	}
	_ = resp.Body.Close()
	if n := len(r.sr.Ended()); n != 1 {
		t.Errorf("%d spans ended, want 1", n)
	}
}

func TestAttemptError(t *testing.T) {
	r := newRig(t)
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&url.Error{Op: "Get", URL: "http://h.test/?token=abc", Err: context.DeadlineExceeded}, "timeout"},
		{errors.New("boom"), "*errors.errorString"},
		{context.Canceled, "canceled"},
	} {
		stub := middleware.RoundTripperFunc(func(*http.Request) (*http.Response, error) { return nil, tc.err })
		req, _ := http.NewRequest("GET", "http://h.test/?token=abc", nil)
		resp, err := tracing.New(stub, r.opts...).RoundTrip(req)
		if resp != nil || !errors.Is(err, tc.err) {
			t.Fatalf("got %v, %v", resp, err)
		}
		spans := r.sr.Ended()
		s := spans[len(spans)-1]
		wantAttr(t, s, "error.type", tc.want)
		noAttr(t, s, "http.response.status_code")
		if s.Status().Code != codes.Error {
			t.Errorf("status %v", s.Status())
		}
		if strings.Contains(s.Status().Description, "abc") {
			t.Errorf("secret in status %q", s.Status().Description)
		}
	}
	hist := r.metrics(t)["http.client.request.duration"].(metricdata.Histogram[float64])
	var n uint64
	for _, dp := range hist.DataPoints {
		n += dp.Count
	}
	if n != 3 {
		t.Errorf("histogram count %d, want 3", n)
	}
}

func TestUnknownMethod(t *testing.T) {
	r := newRig(t)
	stub := middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 404, Body: http.NoBody, Request: req}, nil
	})
	req, _ := http.NewRequest("PURGE", "http://h.test/", nil)
	resp, err := middleware.Chain(stub, tracing.RequestMiddleware(r.opts...), tracing.Middleware(r.opts...)).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	spans := r.sr.Ended()
	if len(spans) != 2 {
		t.Fatalf("%d spans", len(spans))
	}
	a, q := spans[0], spans[1]
	if a.Name() != "HTTP" || q.Name() != "taroreq HTTP" {
		t.Errorf("names %q %q", a.Name(), q.Name())
	}
	wantAttr(t, a, "http.request.method", "_OTHER")
	wantAttr(t, a, "http.request.method_original", "PURGE")
	wantAttr(t, a, "error.type", "404")
	wantAttr(t, q, "error.type", "404")
	if a.Status().Code != codes.Error || q.Status().Code != codes.Error {
		t.Errorf("status %v %v", a.Status(), q.Status())
	}
	// Metric attributes stay bounded: another unknown method is the same
	// series, and method_original is the span's only.
	req, _ = http.NewRequest("X-CUSTOM-B", "http://h.test/", nil)
	resp, err = middleware.Chain(stub, tracing.Middleware(r.opts...)).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	hist := r.metrics(t)["http.client.request.duration"].(metricdata.Histogram[float64])
	if len(hist.DataPoints) != 1 || hist.DataPoints[0].Count != 2 {
		t.Fatalf("%d series; want 1 of 2 points", len(hist.DataPoints))
	}
	if _, found := hist.DataPoints[0].Attributes.Value("http.request.method_original"); found {
		t.Errorf("method_original is a metric attribute: %v", hist.DataPoints[0].Attributes)
	}
}

// An attempt that the timeout layer above ends has error.type "timeout"
// on its span and its histogram point: net/http returns the deadline's
// cause, timeout.ErrExceeded.
func TestAttemptTimeoutErrorType(t *testing.T) {
	r := newRig(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer srv.Close()
	rt := middleware.Chain(srv.Client().Transport, timeout.Middleware(timeout.WithTimeout(50*time.Millisecond)), tracing.Middleware(r.opts...))
	req, _ := http.NewRequest("GET", srv.URL, nil)
	if _, err := rt.RoundTrip(req); !errors.Is(err, timeout.ErrExceeded) {
		t.Fatalf("err %v", err)
	}
	spans := r.sr.Ended()
	wantAttr(t, spans[len(spans)-1], "error.type", "timeout")
	hist := r.metrics(t)["http.client.request.duration"].(metricdata.Histogram[float64])
	if v, _ := hist.DataPoints[0].Attributes.Value("error.type"); v.AsString() != "timeout" {
		t.Errorf("histogram error.type %q", v.AsString())
	}
}

// BenchmarkTracing measures the attempt layer (and both layers) over a
// socket-free stub: with no-op providers, and with the SDK sampling every
// span (no exporter) and a manual metric reader.
func BenchmarkTracing(b *testing.B) {
	noop := []tracing.Option{tracing.WithTracerProvider(tracenoop.NewTracerProvider()),
		tracing.WithMeterProvider(metricnoop.NewMeterProvider()), tracing.WithPropagators(propagation.TraceContext{})}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSampler(sdktrace.AlwaysSample()))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
	defer func() {
		_ = tp.Shutdown(context.Background())
		_ = mp.Shutdown(context.Background())
	}()
	sdk := []tracing.Option{tracing.WithTracerProvider(tp), tracing.WithMeterProvider(mp),
		tracing.WithPropagators(propagation.TraceContext{})}
	layertest.Bench(b,
		layertest.Case{Name: "noop", RT: tracing.New(layertest.Stub, noop...)},
		layertest.Case{Name: "sdk", RT: tracing.New(layertest.Stub, sdk...)},
		layertest.Case{Name: "noop-both", RT: middleware.Chain(layertest.Stub,
			tracing.RequestMiddleware(noop...), tracing.Middleware(noop...))},
		layertest.Case{Name: "sdk-both", RT: middleware.Chain(layertest.Stub,
			tracing.RequestMiddleware(sdk...), tracing.Middleware(sdk...))},
	)
}
