package client_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/datacheck"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// fastClient keeps backoff waits in the milliseconds.
func fastClient(opts ...client.ClientOption) *client.Client {
	return client.New(append([]client.ClientOption{
		client.WithRetry(retry.WithBackoff(retryablehttp.DefaultBackoff, time.Millisecond, 4*time.Millisecond)),
	}, opts...)...)
}

func TestRetryThenSuccess(t *testing.T) {
	srv := faultserver.New(t, faultserver.FailThen(2, 503, faultserver.OK(`{"v":1}`)))
	resp, err := fastClient().Request(context.Background(), client.Option{URL: srv.URL + "/a"})
	if err != nil || resp.ErrMsg != "request:ok" || resp.StatusCode != 200 {
		t.Fatalf("resp %+v err %v", resp, err)
	}
	if srv.Count() != 3 || resp.Attempts != 3 || resp.URL != srv.URL+"/a" {
		t.Errorf("server %d attempts, resp.Attempts %d, URL %q", srv.Count(), resp.Attempts, resp.URL)
	}
}

func TestResetFailsOverToBackupWithQuery(t *testing.T) {
	primary := faultserver.New(t, faultserver.Reset())
	second := faultserver.New(t, faultserver.Reset())
	third := faultserver.New(t, faultserver.OK(`{"from":"third"}`))
	resp, err := fastClient().Request(context.Background(), client.Option{
		URL: primary.URL + "/p", Data: map[string]any{"q": "a b"},
		Backup: []string{second.URL + "/b", third.URL + "/c?x=1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	// The budget of 2 retries is spent on the primary; each backup gets one
	// attempt.
	if primary.Count() != 3 || second.Count() != 1 || third.Count() != 1 {
		t.Errorf("attempts primary %d second %d third %d, want 3 1 1", primary.Count(), second.Count(), third.Count())
	}
	if want := third.URL + "/c?x=1&q=a%20b"; resp.URL != want {
		t.Errorf("URL %q, want %q", resp.URL, want)
	}
	if third.Requests()[0].URL != "/c?x=1&q=a%20b" {
		t.Errorf("backup got %q", third.Requests()[0].URL)
	}
	if resp.Attempts != 5 || resp.ErrMsg != "request:ok" {
		t.Errorf("Attempts %d ErrMsg %q", resp.Attempts, resp.ErrMsg)
	}
}

func TestRetryPerURL(t *testing.T) {
	primary := faultserver.New(t, faultserver.Status(503, ""))
	second := faultserver.New(t, faultserver.Status(503, ""))
	_, err := fastClient(client.WithRetryPerURL()).Request(context.Background(), client.Option{
		URL: primary.URL, RetryTimes: 1, Backup: []string{second.URL}})
	if !errors.Is(err, backup.ErrExhausted) || primary.Count() != 2 || second.Count() != 2 {
		t.Fatalf("err %v attempts %d %d", err, primary.Count(), second.Count())
	}
}

func TestHangEverywhereTimesOut(t *testing.T) {
	primary := faultserver.New(t, faultserver.Hang(5*time.Second))
	second := faultserver.New(t, faultserver.Hang(5*time.Second))
	start := time.Now()
	resp, err := fastClient().Request(context.Background(), client.Option{
		URL: primary.URL, Timeout: 100 * time.Millisecond, RetryTimes: 1, Backup: []string{second.URL}})
	elapsed := time.Since(start)
	if !errors.Is(err, backup.ErrExhausted) || !errors.Is(err, timeout.ErrExceeded) || resp.ErrMsg != "request:fail timeout" {
		t.Fatalf("err %v ErrMsg %q", err, resp.ErrMsg)
	}
	for _, u := range []string{primary.URL, second.URL} {
		if !strings.Contains(err.Error(), u) {
			t.Errorf("error does not name %s: %v", u, err)
		}
	}
	if primary.Count() != 2 || second.Count() != 1 {
		t.Errorf("attempts %d %d, want 2 1", primary.Count(), second.Count())
	}
	if elapsed < 300*time.Millisecond || elapsed > 2500*time.Millisecond { // unbounded: 5 s an attempt
		t.Errorf("took %v, want 3 attempts × 100ms", elapsed)
	}
}

func TestCallerDeadlineBoundsTheWholeRequest(t *testing.T) {
	srv := faultserver.New(t, faultserver.Hang(5*time.Second))
	// start before the deadline is set: the deadline counts from its own clock read.
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 250*time.Millisecond)
	defer cancel()
	// Without the caller's deadline, the first attempt alone runs its 5 s.
	resp, err := fastClient().Request(ctx, client.Option{URL: srv.URL, Timeout: 5 * time.Second, RetryTimes: 5})
	if err == nil || resp.ErrMsg != "request:fail timeout" {
		t.Fatalf("err %v ErrMsg %q", err, resp.ErrMsg)
	}
	if d := time.Since(start); d < 250*time.Millisecond || d > 2*time.Second || srv.Count() != 1 {
		t.Errorf("took %v with %d attempts", d, srv.Count())
	}
}

func TestRetryAfter429(t *testing.T) {
	srv := faultserver.New(t, faultserver.RetryAfter(1, 429, "1", faultserver.OK(`"ok"`)))
	start := time.Now()
	resp, err := fastClient().Request(context.Background(), client.Option{URL: srv.URL})
	if err != nil || resp.Data != "ok" || srv.Count() != 2 {
		t.Fatalf("resp %+v err %v count %d", resp, err, srv.Count())
	}
	// Room above for a slow machine: the wait's length is held by the
	// retry package's TestRetryAfterWaitIsAtMostTenPercentLonger.
	if d := time.Since(start); d < time.Second || d > 3*time.Second {
		t.Errorf("took %v, want about 1s", d)
	}
}

// TestDripAndCloseMidBody: a body that drips past the per-attempt timeout,
// or is cut short, is a failed attempt: Request reads the whole body inside
// each attempt, so it is retried like a timeout or a connection error.
func TestDripAndCloseMidBody(t *testing.T) {
	drip := faultserver.New(t, faultserver.Drip(50*time.Millisecond, 100))
	start := time.Now()
	resp, err := fastClient().Request(context.Background(), client.Option{URL: drip.URL, Timeout: 200 * time.Millisecond})
	if resp.ErrMsg != "request:fail timeout" || drip.Count() != 3 || resp.Attempts != 3 {
		t.Errorf("drip: err %v ErrMsg %q attempts %d", err, resp.ErrMsg, drip.Count())
	}
	if d := time.Since(start); d < 600*time.Millisecond || d > 3*time.Second { // unbounded: 5 s an attempt
		t.Errorf("drip took %v, want 3 × 200ms and short waits", d)
	}
	cut := faultserver.New(t, faultserver.CloseMidBody())
	resp, err = fastClient().Request(context.Background(), client.Option{URL: cut.URL})
	if err == nil || !strings.HasPrefix(resp.ErrMsg, "request:fail ") || !strings.Contains(resp.ErrMsg, "unexpected EOF") {
		t.Errorf("cut: err %v ErrMsg %q", err, resp.ErrMsg)
	}
	if cut.Count() != 3 {
		t.Errorf("cut: %d attempts, want 3", cut.Count())
	}
	// The status and header that arrived are kept with the error.
	if resp.StatusCode != 200 || resp.Header.Get("Content-Length") != "100" {
		t.Errorf("cut: status %d header %v", resp.StatusCode, resp.Header)
	}
}

func TestDripWithDataCheckFailsOver(t *testing.T) {
	drip := faultserver.New(t, faultserver.Drip(50*time.Millisecond, 100))
	good := faultserver.New(t, faultserver.OK(`{"ok":true}`))
	resp, err := fastClient().Request(context.Background(), client.Option{URL: drip.URL, Timeout: 200 * time.Millisecond,
		Backup: []string{good.URL}, DataCheck: func(r *client.Response) bool { return r.StatusCode == 200 }})
	if err != nil || resp.URL != good.URL || drip.Count() != 3 || good.Count() != 1 || resp.Attempts != 4 {
		t.Fatalf("resp %+v err %v counts %d %d", resp, err, drip.Count(), good.Count())
	}
}

func TestDataCheck(t *testing.T) {
	bad := faultserver.New(t, faultserver.OK(`{"code":1}`))
	good := faultserver.New(t, faultserver.OK(`{"code":0,"list":[1]}`))
	var seen map[string]any
	check := func(r *client.Response) bool {
		m, _ := r.Data.(map[string]any)
		if m["code"] == 0.0 {
			seen = m
		}
		return m["code"] == 0.0
	}
	resp, err := fastClient().Request(context.Background(), client.Option{URL: bad.URL, Backup: []string{good.URL}, DataCheck: check})
	if err != nil || resp.URL != good.URL {
		t.Fatalf("resp %+v err %v", resp, err)
	}
	if bad.Count() != 1 || good.Count() != 1 {
		t.Errorf("attempts %d %d: a rejected response must not be retried on its URL", bad.Count(), good.Count())
	}
	// Decoded once: the client hands back the value DataCheck saw.
	if reflect.ValueOf(resp.Data).Pointer() != reflect.ValueOf(seen).Pointer() {
		t.Error("the body was decoded twice")
	}

	resp, err = fastClient().Request(context.Background(), client.Option{URL: bad.URL, DataCheck: check})
	if !errors.Is(err, datacheck.ErrRejected) || !strings.Contains(resp.ErrMsg, "rejected by DataCheck") || bad.Count() != 2 {
		t.Errorf("no fallback: err %v ErrMsg %q count %d", err, resp.ErrMsg, bad.Count())
	}
}

func TestPostRetryIdenticalBytes(t *testing.T) {
	srv := faultserver.New(t, faultserver.FailThen(2, 503, faultserver.OK(`{}`)))
	data := map[string]any{"text": strings.Repeat("é", 2000), "n": 1}
	resp, err := fastClient().Request(context.Background(), client.Option{URL: srv.URL, Method: "POST", Data: data, Idempotent: true})
	if err != nil || srv.Count() != 3 || resp.Attempts != 3 {
		t.Fatalf("err %v attempts %d", err, srv.Count())
	}
	reqs := srv.Requests()
	for i := range reqs {
		if !bytes.Equal(reqs[i].Body, reqs[0].Body) || len(reqs[i].Body) < 4000 || reqs[i].Header.Get("Content-Type") != "application/json" {
			t.Errorf("attempt %d sent %d bytes, type %q", i+1, len(reqs[i].Body), reqs[i].Header.Get("Content-Type"))
		}
	}
}

func TestPostTimeoutNotRetriedWithoutOptIn(t *testing.T) {
	srv := faultserver.New(t, faultserver.Hang(5*time.Second))
	resp, err := fastClient().Request(context.Background(), client.Option{URL: srv.URL, Method: "POST", Data: "x", Timeout: 100 * time.Millisecond})
	if err == nil || resp.ErrMsg != "request:fail timeout" || srv.Count() != 1 {
		t.Fatalf("err %v ErrMsg %q attempts %d", err, resp.ErrMsg, srv.Count())
	}
}

func TestBreakerSkipsDeadOrigin(t *testing.T) {
	dead := faultserver.New(t, faultserver.Status(500, ""))
	good := faultserver.New(t, faultserver.OK(`"ok"`))
	// The circuit stays open 1 s (gobreaker's real clock): the six calls
	// below it must all come within it, which 200 ms did not leave a
	// loaded machine under -race.
	c := fastClient(client.WithBreaker(breaker.WithThreshold(3), breaker.WithOpenTimeout(time.Second)))
	opt := client.Option{URL: dead.URL, Backup: []string{good.URL}, RetryTimes: client.NoRetry}
	for i := 0; i < 3; i++ {
		if resp, err := c.Request(context.Background(), opt); err != nil || resp.URL != good.URL {
			t.Fatalf("request %d: %v", i, err)
		}
	}
	if dead.Count() != 3 {
		t.Fatalf("dead origin saw %d, want 3", dead.Count())
	}
	for i := 0; i < 5; i++ {
		start := time.Now()
		resp, err := c.Request(context.Background(), opt)
		if err != nil || resp.URL != good.URL || time.Since(start) > 500*time.Millisecond { // a wait for half-open: 1 s
			t.Fatalf("open circuit: %v %v after %v", resp.URL, err, time.Since(start))
		}
	}
	if dead.Count() != 3 {
		t.Errorf("open circuit let %d requests through", dead.Count()-3)
	}
	// Alone, the open circuit is the error.
	resp, err := c.Request(context.Background(), client.Option{URL: dead.URL})
	if !errors.Is(err, breaker.ErrOpen) || !strings.Contains(resp.ErrMsg, "open") || dead.Count() != 3 {
		t.Errorf("err %v ErrMsg %q count %d", err, resp.ErrMsg, dead.Count())
	}
	time.Sleep(1050 * time.Millisecond) // open → half-open: one probe goes through
	_, _ = c.Request(context.Background(), opt)
	if dead.Count() != 4 {
		t.Errorf("half-open probe: dead origin saw %d, want 4", dead.Count())
	}
}

func TestCredentialsNotSentToOtherOrigin(t *testing.T) {
	primary := faultserver.New(t, faultserver.Status(503, ""))
	other := faultserver.New(t, faultserver.OK(`{}`))
	h := http.Header{"Authorization": {"Bearer secret"}, "Cookie": {"sid=1"}, "X-Keep": {"yes"}}
	opt := client.Option{URL: primary.URL + "/x", Header: h, RetryTimes: client.NoRetry,
		Backup: []string{other.URL + "/y", primary.URL + "/z"}}
	if _, err := fastClient().Request(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	got := other.Requests()[0].Header
	if got.Get("Authorization") != "" || got.Get("Cookie") != "" || got.Get("X-Keep") != "yes" {
		t.Errorf("other origin got %v", got)
	}
	if _, err := fastClient(client.WithBackup(backup.WithCredentialsAcrossOrigins())).Request(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	if got := other.Requests()[1].Header; got.Get("Authorization") != "Bearer secret" {
		t.Errorf("opted in, other origin got %v", got)
	}
	if h.Get("Authorization") != "Bearer secret" {
		t.Error("caller's header modified")
	}
}

func TestLayerOrder(t *testing.T) {
	srv := faultserver.New(t, faultserver.OK(`{}`))
	var layers []string
	probe := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			layers = middleware.CallFrom(r.Context()).Layers()
			return next.RoundTrip(r)
		})
	}
	c := client.New(client.WithInnerLayers(probe))
	if _, err := c.Request(middleware.WithLayerTrace(context.Background()), client.Option{URL: srv.URL}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(layers, " → "); got != "store → backup → datacheck → retry → breaker → timeout" {
		t.Errorf("layers %q", got)
	}
}

// net/http resends an idempotent request once by itself when the kept-alive
// connection it reused fails after the write (RFC 9110 §9.2.2 allows it;
// browsers do it): the server's closing an idle connection as the request
// goes out looks the same, and is common. That resend is no attempt of
// the client's, NoRetry included (README, RetryTimes); a POST without an
// Idempotency-Key is never resent.
func TestTransportResendOnAReusedConnection(t *testing.T) {
	srv := faultserver.New(t, faultserver.ResetReused(`{"ok":true}`))
	c := client.New()
	for _, tc := range []struct {
		opt       client.Option
		sends     int
		wantError bool
	}{
		{client.Option{URL: srv.URL, RetryTimes: client.NoRetry}, 2, false},
		{client.Option{URL: srv.URL, Method: "POST", Data: map[string]int{"a": 1}, RetryTimes: client.NoRetry}, 1, true},
	} {
		if _, err := c.Request(context.Background(), client.Option{URL: srv.URL}); err != nil { // a kept-alive connection
			t.Fatal(err)
		}
		before := srv.Count()
		resp, err := c.Request(context.Background(), tc.opt)
		if n := srv.Count() - before; n != tc.sends || (err != nil) != tc.wantError || resp.Attempts != 1 {
			t.Errorf("%s NoRetry: %d sends, Attempts %d, err %v; want %d sends, 1 attempt, error %v",
				tc.opt.Method, n, resp.Attempts, err, tc.sends, tc.wantError)
		}
	}
}
