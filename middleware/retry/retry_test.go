package retry_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/timeout"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// fast keeps backoff waits in the milliseconds.
var fast = retry.WithBackoff(retryablehttp.DefaultBackoff, time.Millisecond, 4*time.Millisecond)

// stack is retry over a per-attempt timeout over a fresh transport.
func stack(t *testing.T, attempt time.Duration, opts ...retry.Option) *http.Client {
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: retry.New(timeout.New(tr, timeout.WithTimeout(attempt)), append([]retry.Option{fast}, opts...)...)}
}

func get(t *testing.T, hc *http.Client, url string) (*http.Response, []byte, error) {
	t.Helper()
	resp, err := hc.Get(url)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

func TestServiceUnavailableThenOK(t *testing.T) {
	srv := faultserver.New(t, faultserver.FailThen(2, 503, faultserver.OK(`{"ok":1}`)))
	resp, body, err := get(t, stack(t, time.Second), srv.URL)
	if err != nil || resp.StatusCode != 200 || string(body) != `{"ok":1}` {
		t.Fatalf("resp %v body %q err %v", resp, body, err)
	}
	if srv.Count() != 3 {
		t.Errorf("server saw %d attempts, want 3", srv.Count())
	}
	if n := srv.Conns(); n != 1 {
		t.Errorf("%d connections opened, want 1: discarded responses must be drained for reuse", n)
	}
}

func TestBudgetSpentHandsBackLastResponse(t *testing.T) {
	srv := faultserver.New(t, faultserver.Status(503, `{"down":true}`))
	resp, body, err := get(t, stack(t, time.Second, retry.WithRetryTimes(2)), srv.URL)
	if err != nil || resp.StatusCode != 503 || string(body) != `{"down":true}` {
		t.Fatalf("resp %v body %q err %v", resp, body, err)
	}
	if srv.Count() != 3 {
		t.Errorf("attempts %d, want 3", srv.Count())
	}
}

func TestNotImplementedAndClientErrorsNotRetried(t *testing.T) {
	for _, status := range []int{501, 400, 404} {
		srv := faultserver.New(t, faultserver.Status(status, ""))
		resp, _, err := get(t, stack(t, time.Second), srv.URL)
		if err != nil || resp.StatusCode != status || srv.Count() != 1 {
			t.Errorf("%d: status %v err %v attempts %d", status, resp, err, srv.Count())
		}
	}
}

func TestConnectionReset(t *testing.T) {
	srv := faultserver.New(t, faultserver.Reset())
	_, _, err := get(t, stack(t, time.Second), srv.URL)
	if !errors.Is(err, retry.ErrExhausted) {
		t.Fatalf("err = %v", err)
	}
	if srv.Count() != 3 {
		t.Errorf("attempts %d, want 3", srv.Count())
	}
}

// The error says what every attempt met, oldest first, while errors.Is
// sees only what ended the request (the last attempt's error).
func TestErrorSaysEveryAttempt(t *testing.T) {
	srv := faultserver.New(t, faultserver.Then(1, faultserver.Hang(5*time.Second),
		faultserver.Then(1, faultserver.Status(502, "bad gateway"), faultserver.Reset())))
	_, _, err := get(t, stack(t, time.Second), srv.URL)
	var re *retry.Error
	if !errors.As(err, &re) || !errors.Is(err, retry.ErrExhausted) || re.Attempts != 3 || len(re.Earlier) != 2 {
		t.Fatalf("err = %v", err)
	}
	if !errors.Is(re.Earlier[0], timeout.ErrExceeded) || re.Earlier[1].Error() != "status 502" {
		t.Errorf("earlier = %v, want the timeout then status 502", re.Earlier)
	}
	if errors.Is(err, timeout.ErrExceeded) {
		t.Error("errors.Is sees the first attempt's timeout; it should see only the last attempt's reset")
	}
	msg := err.Error()
	for _, want := range []string{"after 3 attempt(s)", "timeout: attempt exceeded 1s", "status 502"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not say %q", msg, want)
		}
	}
}

func TestHangTimesOutEachAttempt(t *testing.T) {
	srv := faultserver.New(t, faultserver.Hang(5*time.Second))
	start := time.Now()
	_, _, err := get(t, stack(t, 100*time.Millisecond), srv.URL)
	elapsed := time.Since(start)
	if !errors.Is(err, retry.ErrExhausted) || !errors.Is(err, timeout.ErrExceeded) {
		t.Fatalf("err = %v", err)
	}
	if srv.Count() != 3 {
		t.Errorf("attempts %d, want 3", srv.Count())
	}
	// Without the timeout the first attempt alone hangs 5 s.
	if elapsed < 300*time.Millisecond || elapsed > 2500*time.Millisecond {
		t.Errorf("took %v, want 3 × 100ms plus short waits", elapsed)
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	srv := faultserver.New(t, faultserver.RetryAfter(1, 429, "1", faultserver.OK(`"ok"`)))
	start := time.Now()
	resp, body, err := get(t, stack(t, time.Second), srv.URL)
	elapsed := time.Since(start)
	if err != nil || resp.StatusCode != 200 || string(body) != `"ok"` || srv.Count() != 2 {
		t.Fatalf("resp %v body %q err %v count %d", resp, body, err, srv.Count())
	}
	// Room above for a slow machine: the wait's length is held by
	// TestRetryAfterWaitIsAtMostTenPercentLonger.
	if elapsed < time.Second || elapsed > 3*time.Second {
		t.Errorf("took %v, want 1s to 1.1s (Retry-After 1 plus jitter)", elapsed)
	}
}

// withCall gives ctx a Call as a client's request has: the retry layer
// then reports why it stopped in an error (the client's), where a plain
// http.Client gets the response obtained (the RoundTripper contract).
func withCall(ctx context.Context, retries int) context.Context {
	return middleware.WithCall(ctx, middleware.NewCall(middleware.Settings{RetryTimes: retries}))
}

// getCall is get with a Call in the request's context.
func getCall(t *testing.T, hc *http.Client, url string) error {
	t.Helper()
	req, _ := http.NewRequestWithContext(withCall(context.Background(), 2), "GET", url, nil)
	resp, err := hc.Do(req)
	if err == nil {
		resp.Body.Close()
	}
	return err
}

func TestRetryAfterOverCapStops(t *testing.T) {
	srv := faultserver.New(t, faultserver.RetryAfter(5, 503, "120", faultserver.OK(`"ok"`)))
	start := time.Now()
	err := getCall(t, stack(t, time.Second), srv.URL)
	var re *retry.Error
	if !errors.Is(err, retry.ErrRetryAfter) || !errors.As(err, &re) || !re.RetryAfter || re.StatusCode != 503 {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "Retry-After wait 2m") {
		t.Errorf("error does not report the wait: %v", err)
	}
	// Waiting would take the 10 s cap or the 2 minutes asked.
	if srv.Count() != 1 || time.Since(start) > 2*time.Second {
		t.Errorf("attempts %d in %v", srv.Count(), time.Since(start))
	}
}

// Without a Call (a plain http.Client), a stop with a response in hand
// hands it back with a nil error, as the RoundTripper contract asks: a
// Retry-After over the cap, a wait past the deadline, a body that cannot be
// sent again.
func TestStopWithoutACallHandsBackTheResponse(t *testing.T) {
	for name, tc := range map[string]struct {
		h      http.HandlerFunc
		method string
		body   io.Reader
		ctx    time.Duration
		status int
	}{
		"Retry-After over the cap": {faultserver.RetryAfter(5, 503, "120", faultserver.OK(`"ok"`)), "GET", nil, 0, 503},
		"wait past the deadline":   {faultserver.RetryAfter(5, 429, "1", faultserver.OK(`"ok"`)), "GET", nil, 500 * time.Millisecond, 429},
		"body not replayable":      {faultserver.Status(503, "down"), "PUT", io.NopCloser(strings.NewReader("once")), 0, 503},
	} {
		srv := faultserver.New(t, tc.h)
		ctx := context.Background()
		if tc.ctx > 0 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, tc.ctx)
			defer cancel()
		}
		req, _ := http.NewRequestWithContext(ctx, tc.method, srv.URL, tc.body)
		req.GetBody = nil
		start := time.Now()
		resp, err := stack(t, time.Second).Do(req)
		// A wait begun would take the 10 s cap or end in the deadline's
		// error; the bound leaves a slow machine room.
		if err != nil || resp.StatusCode != tc.status || srv.Count() != 1 || time.Since(start) > 2*time.Second {
			t.Fatalf("%s: resp %v, err %v, %d attempts in %v; want the %d at once, no error", name, resp, err, srv.Count(), time.Since(start), tc.status)
		}
		resp.Body.Close()
	}
}

func TestDeadlineAware(t *testing.T) {
	// Retry-After 5 past a deadline of 3 s: a wait begun would take the
	// whole 3 s; giving up at once takes milliseconds, even under -race.
	srv := faultserver.New(t, faultserver.RetryAfter(5, 429, "5", faultserver.OK(`"ok"`)))
	ctx, cancel := context.WithTimeout(withCall(context.Background(), 2), 3*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	start := time.Now()
	_, err := stack(t, time.Second).Do(req)
	if !errors.Is(err, retry.ErrDeadline) || !errors.Is(err, context.DeadlineExceeded) || srv.Count() != 1 {
		t.Fatalf("err %v count %d; want ErrDeadline, matching context.DeadlineExceeded", err, srv.Count())
	}
	if d := time.Since(start); d > 1500*time.Millisecond {
		t.Errorf("gave up after %v; it should not wait for a retry it cannot make", d)
	}
}

func TestCancelEndsWaitAtOnce(t *testing.T) {
	srv := faultserver.New(t, faultserver.RetryAfter(5, 503, "5", faultserver.OK(`"ok"`)))
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	start := time.Now()
	_, err := stack(t, time.Second).Do(req)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	// Not ending the wait would take its 5 s.
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("cancel took effect after %v", d)
	}
}

func post(ctx context.Context, url, body string, h http.Header) *http.Request {
	req, _ := http.NewRequestWithContext(ctx, "POST", url, strings.NewReader(body))
	for k, v := range h {
		req.Header[k] = v
	}
	return req
}

func TestPostNotRetriedOnceSent(t *testing.T) {
	srv := faultserver.New(t, faultserver.Hang(5*time.Second))
	_, err := stack(t, 100*time.Millisecond).Do(post(context.Background(), srv.URL, "x", nil))
	if !errors.Is(err, timeout.ErrExceeded) || srv.Count() != 1 {
		t.Fatalf("err %v attempts %d, want a timeout after exactly 1", err, srv.Count())
	}
	srv503 := faultserver.New(t, faultserver.Status(503, ""))
	resp, err := stack(t, time.Second).Do(post(context.Background(), srv503.URL, "x", nil))
	if err != nil || resp.StatusCode != 503 || srv503.Count() != 1 {
		t.Fatalf("resp %v err %v attempts %d", resp, err, srv503.Count())
	}
	resp.Body.Close()
}

func TestPostRetriedWhenNeverSent(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close() // nothing listens: connection refused
	call := middleware.NewCall(middleware.Settings{RetryTimes: 2})
	ctx := middleware.WithCall(context.Background(), call)
	_, err := stack(t, time.Second).Do(post(ctx, "http://"+addr, "x", nil))
	if !errors.Is(err, retry.ErrExhausted) || call.Attempts() != 3 {
		t.Fatalf("err %v attempts %d", err, call.Attempts())
	}
}

func TestPostWithIdempotencyKeyReplaysSameBytes(t *testing.T) {
	srv := faultserver.New(t, faultserver.FailThen(2, 502, faultserver.OK(`"done"`)))
	body := strings.Repeat("0123456789abcdef", 256) // 4 KiB
	h := http.Header{"Idempotency-Key": {"k-1"}, "Content-Type": {"application/json"}}
	resp, err := stack(t, time.Second).Do(post(context.Background(), srv.URL, body, h))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("resp %v err %v", resp, err)
	}
	resp.Body.Close()
	reqs := srv.Requests()
	if len(reqs) != 3 {
		t.Fatalf("attempts %d, want 3", len(reqs))
	}
	for i, r := range reqs {
		if r.Method != "POST" || !bytes.Equal(r.Body, []byte(body)) || r.Header.Get("Idempotency-Key") != "k-1" ||
			r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("attempt %d: %s %d bytes %v", i+1, r.Method, len(r.Body), r.Header)
		}
	}
}

func TestIdempotentSettingAllowsRetry(t *testing.T) {
	srv := faultserver.New(t, faultserver.FailThen(1, 500, faultserver.OK(`"ok"`)))
	ctx := middleware.WithCall(context.Background(), middleware.NewCall(middleware.Settings{RetryTimes: 1, Idempotent: true}))
	resp, err := stack(t, time.Second).Do(post(ctx, srv.URL, "body", nil))
	if err != nil || resp.StatusCode != 200 || srv.Count() != 2 {
		t.Fatalf("resp %v err %v count %d", resp, err, srv.Count())
	}
	resp.Body.Close()
}

func TestBodyWithoutGetBodyIsNotReplayed(t *testing.T) {
	srv := faultserver.New(t, faultserver.Status(503, ""))
	req, _ := http.NewRequestWithContext(withCall(context.Background(), 2), "PUT", srv.URL, io.NopCloser(strings.NewReader("once")))
	req.GetBody = nil
	_, err := stack(t, time.Second).Do(req)
	if !errors.Is(err, retry.ErrNotReplayable) || srv.Count() != 1 {
		t.Fatalf("err %v count %d", err, srv.Count())
	}
	if !errors.Is(err, encoders.ErrNotReplayable) {
		t.Errorf("err %v does not match encoders.ErrNotReplayable: one check should name both", err)
	}
}

func TestCallerRequestUntouched(t *testing.T) {
	srv := faultserver.New(t, faultserver.FailThen(1, 503, faultserver.OK(`"ok"`)))
	req, _ := http.NewRequest("PUT", srv.URL, strings.NewReader("payload"))
	before := *req
	resp, err := retry.New(nil, fast).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if req.Body != before.Body || req.URL != before.URL || len(req.Header) != len(before.Header) {
		t.Error("the caller's request was modified")
	}
}

// TestBudgetCapsExtraLoad measures what a shared Budget saves when a
// dependency is down for everyone.
func TestBudgetCapsExtraLoad(t *testing.T) {
	run := func(opts ...retry.Option) int {
		srv := faultserver.New(t, faultserver.Status(503, ""))
		hc := stack(t, time.Second, opts...)
		for i := 0; i < 20; i++ {
			resp, _, err := get(t, hc, srv.URL)
			if err != nil || resp.StatusCode != 503 {
				t.Fatalf("resp %v err %v", resp, err)
			}
		}
		return srv.Count()
	}
	without := run()
	with := run(retry.WithBudget(retry.NewBudget(10, 0.1)))
	t.Logf("20 requests to a dead dependency: %d attempts without a budget, %d with one", without, with)
	if without != 60 {
		t.Errorf("without budget: %d attempts, want 60", without)
	}
	if with > 26 {
		t.Errorf("with budget: %d attempts, want at most 26 (20 + 6 retries)", with)
	}
}

// The spec (Retry): Retry-After is "capped, jittered". The wait is never
// shorter than asked, up to a tenth longer, and never past the cap: a
// Retry-After at the cap waits the cap, not refused, not beyond.
func TestRetryAfterJitteredWithinTheCap(t *testing.T) {
	for _, tc := range []struct {
		value string
		rand  float64
		want  time.Duration
	}{
		{"3", 0, 3 * time.Second},
		{"3", 0.5, 3150 * time.Millisecond},
		{"3", 0.999, 3*time.Second + 299700*time.Microsecond},
		{"10", 0.999, 10 * time.Second}, // the cap: jitter stops there
		{"9", 0.999, 9*time.Second + 899100*time.Microsecond},
	} {
		srv := faultserver.New(t, faultserver.RetryAfter(1, 429, tc.value, faultserver.OK(`"ok"`)))
		var waits []time.Duration
		hc := &http.Client{Transport: retry.New(nil,
			retry.WithRand(func() float64 { return tc.rand }),
			retry.WithSleep(func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }))}
		req, _ := http.NewRequestWithContext(withCall(context.Background(), 2), "GET", srv.URL, nil)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatalf("Retry-After %s, rand %v: %v", tc.value, tc.rand, err)
		}
		resp.Body.Close()
		if len(waits) != 1 || waits[0] != tc.want || srv.Count() != 2 {
			t.Errorf("Retry-After %s, rand %v: waits %v, %d attempts; want one wait of %v", tc.value, tc.rand, waits, srv.Count(), tc.want)
		}
	}
}
