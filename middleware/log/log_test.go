package reqlog_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	reqlog "github.com/taroreq/taroreq/middleware/log"
	"github.com/taroreq/taroreq/middleware/retry"
)

var noWait = client.WithRetry(retry.WithSleep(func(context.Context, time.Duration) error { return nil }))

// flaky answers 503 the first fail times, then 200 with a Set-Cookie.
func flaky(t *testing.T, fail int32) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if n.Add(1) <= fail {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: "sid", Value: "servercookie"})
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"ok":true}`)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// records decodes the JSON lines of buf.
func records(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	for dec.More() {
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			t.Fatalf("%v in %s", err, buf)
		}
		out = append(out, m)
	}
	return out
}

func noSecrets(t *testing.T, buf *bytes.Buffer, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if bytes.Contains(buf.Bytes(), []byte(s)) {
			t.Errorf("%q written to the log:\n%s", s, buf)
		}
	}
}

// viaItself is srv's transport sending every request through srv as a
// forward proxy: the client refuses a Proxy-Authorization (secretHeader's)
// on a request its transport sends to no proxy.
func viaItself(t *testing.T, srv *httptest.Server) http.RoundTripper {
	t.Helper()
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	tr := srv.Client().Transport.(*http.Transport).Clone()
	tr.Proxy = http.ProxyURL(u)
	t.Cleanup(tr.CloseIdleConnections)
	return tr
}

func secretHeader() http.Header {
	return http.Header{
		"Authorization":       {"Bearer bearertoken"},
		"Cookie":              {"c=clientcookie"},
		"Proxy-Authorization": {"Basic proxycreds"},
		"X-Custom":            {"hush"},
		"X-Trace":             {"visible"},
	}
}

func TestInterceptor(t *testing.T) {
	srv, _ := flaky(t, 1)
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, nil))
	c := client.New(client.WithTransport(viaItself(t, srv)), noWait,
		client.WithInterceptors(reqlog.Interceptor(logger, reqlog.WithHeaders(), reqlog.WithRedactedHeaders("x-custom"))))
	u := strings.Replace(srv.URL, "http://", "http://user:userpass@", 1) + "/items?q=1&token=querytoken&api_key=k3y"
	resp, err := c.Request(context.Background(), client.Option{URL: u, Header: secretHeader()})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Attempts != 2 {
		t.Fatalf("attempts %d", resp.Attempts)
	}
	noSecrets(t, &buf, "bearertoken", "clientcookie", "proxycreds", "hush", "querytoken", "k3y", "userpass")
	recs := records(t, &buf)
	if len(recs) != 1 {
		t.Fatalf("%d records:\n%s", len(recs), &buf)
	}
	r := recs[0]
	want := map[string]any{
		"level": "INFO", "msg": "taroreq request", "method": "GET", "status": 200.0, "attempts": 2.0,
		"url":        srv.URL + "/items?q=1&token=REDACTED&api_key=REDACTED",
		"from_store": false, "from_cache": false,
	}
	for k, v := range want {
		if r[k] != v {
			t.Errorf("%s = %v, want %v", k, r[k], v)
		}
	}
	if s, _ := r["answered_url"].(string); !strings.HasPrefix(s, srv.URL+"/items") {
		t.Errorf("answered_url %v", r["answered_url"])
	}
	if _, ok := r["duration"]; !ok {
		t.Error("no duration")
	}
	h, _ := r["header"].(map[string]any)
	for name, v := range map[string]string{"Authorization": "REDACTED", "Cookie": "REDACTED",
		"Proxy-Authorization": "REDACTED", "X-Custom": "REDACTED", "X-Trace": "visible"} {
		if h[name] != v {
			t.Errorf("header %s = %v, want %s", name, h[name], v)
		}
	}
}

func TestInterceptorFailure(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	addr := srv.URL
	srv.Close() // nothing listens there now
	var buf bytes.Buffer
	c := client.New(client.WithInterceptors(reqlog.Interceptor(slog.New(slog.NewJSONHandler(&buf, nil)))))
	_, err := c.Request(context.Background(), client.Option{URL: addr + "/?password=pw123&x=1", RetryTimes: client.NoRetry})
	if err == nil {
		t.Fatal("no error")
	}
	if !strings.Contains(err.Error(), "pw123") {
		t.Log("the client's own error no longer carries the query; the test still checks the log")
	}
	noSecrets(t, &buf, "pw123")
	recs := records(t, &buf)
	if len(recs) != 1 {
		t.Fatalf("%d records", len(recs))
	}
	r := recs[0]
	if r["level"] != "ERROR" {
		t.Errorf("level %v", r["level"])
	}
	e, _ := r["error"].(string)
	if !strings.Contains(e, "password=REDACTED") {
		t.Errorf("error %q", e)
	}
	if m, _ := r["errMsg"].(string); !strings.HasPrefix(m, "request:fail") {
		t.Errorf("errMsg %q", m)
	}
}

func TestInterceptorStatusWarns(t *testing.T) {
	srv, _ := flaky(t, 100)
	var buf bytes.Buffer
	c := client.New(client.WithTransport(srv.Client().Transport),
		client.WithInterceptors(reqlog.Interceptor(slog.New(slog.NewJSONHandler(&buf, nil)))))
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, RetryTimes: client.NoRetry})
	if err != nil || resp.StatusCode != 503 {
		t.Fatal(resp.StatusCode, err)
	}
	if r := records(t, &buf)[0]; r["level"] != "WARN" || r["status"] != 503.0 {
		t.Errorf("record %v", r)
	}
}

func TestLayer(t *testing.T) {
	srv, _ := flaky(t, 1)
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := client.New(client.WithTransport(viaItself(t, srv)), noWait,
		client.WithInnerLayers(reqlog.Middleware(logger, reqlog.WithHeaders(), reqlog.WithRedactedHeaders("X-Custom"))))
	_, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/?sig=s1gnature", Header: secretHeader()})
	if err != nil {
		t.Fatal(err)
	}
	noSecrets(t, &buf, "bearertoken", "clientcookie", "proxycreds", "hush", "s1gnature", "servercookie")
	recs := records(t, &buf)
	if len(recs) != 2 {
		t.Fatalf("%d records:\n%s", len(recs), &buf)
	}
	for i, want := range []struct {
		level   string
		attempt float64
		status  float64
	}{{"WARN", 1, 503}, {"INFO", 2, 200}} {
		r := recs[i]
		if r["level"] != want.level || r["attempt"] != want.attempt || r["status"] != want.status ||
			r["msg"] != "taroreq attempt" || r["url"] != srv.URL+"/?sig=REDACTED" {
			t.Errorf("record %d: %v", i, r)
		}
	}
	rh, _ := recs[1]["response_header"].(map[string]any)
	if rh["Set-Cookie"] != "REDACTED" {
		t.Errorf("response_header %v", rh)
	}
}

func TestLayerError(t *testing.T) {
	var buf bytes.Buffer
	boom := errors.New("boom")
	rt := reqlog.New(roundTripperFunc(func(*http.Request) (*http.Response, error) { return nil, boom }),
		slog.New(slog.NewJSONHandler(&buf, nil)))
	req, _ := http.NewRequest("GET", "http://h.test/?token=t", nil)
	if _, err := rt.RoundTrip(req); !errors.Is(err, boom) {
		t.Fatal(err)
	}
	r := records(t, &buf)[0]
	if r["level"] != "ERROR" || r["error"] != "boom" || r["url"] != "http://h.test/?token=REDACTED" {
		t.Errorf("record %v", r)
	}
}

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestTimeoutInterceptor(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		select { // hang until the client gives up
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer srv.Close()
	c := client.New(client.WithTransport(srv.Client().Transport), noWait,
		client.WithInterceptors(reqlog.TimeoutInterceptor(150*time.Millisecond)))
	start := time.Now()
	// Each attempt alone may take 4s: only the overall deadline can end it.
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, RetryTimes: 3, Timeout: 4 * time.Second})
	elapsed := time.Since(start)
	if err == nil {
		t.Fatal("no error")
	}
	if hits.Load() != 2 {
		t.Errorf("%d attempts reached the server, want 2 (the deadline covers the retry)", hits.Load())
	}
	var te *reqlog.TimeoutError
	if !errors.As(err, &te) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err %v (%T) is not a TimeoutError", err, err)
	}
	if resp.ErrMsg != "request:fail timeout" {
		t.Errorf("ErrMsg %q", resp.ErrMsg)
	}
	if elapsed < 150*time.Millisecond || elapsed > 2500*time.Millisecond { // without the deadline: 4 s and more
		t.Errorf("took %v", elapsed)
	}
	// Without the interceptor's deadline being reached, nothing changes.
	srv2, _ := flaky(t, 0)
	if _, err := c.Request(context.Background(), client.Option{URL: srv2.URL}); err != nil {
		t.Error(err)
	}
	if _, err := client.New(client.WithTransport(srv2.Client().Transport),
		client.WithInterceptors(reqlog.TimeoutInterceptor(0))).Request(context.Background(), client.Option{URL: srv2.URL}); err != nil {
		t.Error(err)
	}
}

// With WithHeaders, the URLs in Location, Content-Location, Link, Refresh
// and Referer are redacted like the request's URL (the names of
// WithRedactedQueryKeys included), and the caller's response keeps them.
func TestLayerRedactsURLHeaders(t *testing.T) {
	const location = "https://app.example/cb?access_token=tok-SECRET&state=st-SECRET&lang=en"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Location", location)
		w.Header().Set("Content-Location", "https://bob:pw-SECRET@files.example/x")
		w.Header().Set("Link", "<https://x.example/?page=2&token=lnk-SECRET>; rel=next")
		w.Header().Set("Refresh", "0; url=https://x.example/?sig=ref-SECRET")
		w.WriteHeader(http.StatusFound)
	}))
	t.Cleanup(srv.Close)
	var buf bytes.Buffer
	rt := reqlog.New(srv.Client().Transport, slog.New(slog.NewJSONHandler(&buf, nil)),
		reqlog.WithHeaders(), reqlog.WithRedactedQueryKeys("state"))
	req, _ := http.NewRequest("GET", srv.URL+"/authorize?client_secret=cs-SECRET", nil)
	req.Header.Set("Referer", "https://app.example/login?password=rf-SECRET#frag-SECRET")
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.Header.Get("Location") != location {
		t.Errorf("the caller's Location = %q", resp.Header.Get("Location"))
	}
	noSecrets(t, &buf, "SECRET")
	r := records(t, &buf)[0]
	rh, _ := r["response_header"].(map[string]any)
	for name, want := range map[string]string{
		"Location":         "https://app.example/cb?access_token=REDACTED&state=REDACTED&lang=en",
		"Content-Location": "https://files.example/x",
		"Link":             "<https://x.example/?page=2&token=REDACTED>; rel=next",
		"Refresh":          "0; url=https://x.example/?sig=REDACTED",
	} {
		if rh[name] != want {
			t.Errorf("response_header %s = %v, want %s", name, rh[name], want)
		}
	}
	if h, _ := r["header"].(map[string]any); h["Referer"] != "https://app.example/login?password=REDACTED" {
		t.Errorf("header Referer = %v", h["Referer"])
	}
}

// The interceptor's request headers too.
func TestInterceptorRedactsURLHeaders(t *testing.T) {
	srv, _ := flaky(t, 0)
	var buf bytes.Buffer
	c := client.New(client.WithTransport(srv.Client().Transport), noWait,
		client.WithInterceptors(reqlog.Interceptor(slog.New(slog.NewJSONHandler(&buf, nil)), reqlog.WithHeaders())))
	h := http.Header{"Referer": {"https://bob:pw-SECRET@app.example/p?token=tk-SECRET&q=1"}}
	if _, err := c.Request(context.Background(), client.Option{URL: srv.URL, Header: h}); err != nil {
		t.Fatal(err)
	}
	noSecrets(t, &buf, "SECRET")
	hd, _ := records(t, &buf)[0]["header"].(map[string]any)
	if hd["Referer"] != "https://app.example/p?token=REDACTED&q=1" {
		t.Errorf("header Referer = %v", hd["Referer"])
	}
}

// An inner interceptor's words around the call's *client.Error (before and
// after it) are redacted in the log record as the error's text is.
func TestInterceptorRedactsTheWordsAroundAWrappedError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	addr := srv.URL
	srv.Close() // refused
	var buf bytes.Buffer
	wrap := func(ctx context.Context, o client.Option, p client.Proceed) (*client.Response, error) {
		resp, err := p(ctx, o)
		if err != nil {
			err = fmt.Errorf("refresh via http://svc:hunter2@auth.test/token?client_secret=s3cr3t failed: %w (then https://auth.test/?access_token=tok2)", err)
		}
		return resp, err
	}
	c := client.New(client.WithInterceptors(reqlog.Interceptor(slog.New(slog.NewJSONHandler(&buf, nil))), wrap))
	if _, err := c.Request(context.Background(), client.Option{URL: addr + "/x", RetryTimes: client.NoRetry}); err == nil {
		t.Fatal("no error")
	}
	out := buf.String()
	for _, secret := range []string{"hunter2", "s3cr3t", "tok2"} {
		if strings.Contains(out, secret) {
			t.Fatalf("%q in the log record: %s", secret, out)
		}
	}
	if !strings.Contains(out, "refresh via http://auth.test/token") || !strings.Contains(out, "connection refused") {
		t.Fatalf("the record lost the wrapping words or the cause: %s", out)
	}
}
