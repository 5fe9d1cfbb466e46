package retry_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/timeout"
)

func BenchmarkRetryLayer(b *testing.B) {
	layertest.Bench(b, layertest.Case{Name: "with", RT: retry.New(layertest.Stub)})
}

// TestBufferedBodyFailuresRetried: with buffering on (Settings.Buffered, or
// WithBufferedBodies without Settings) a body that stalls past the
// attempt's timeout or is cut short is a failed attempt: counted, recorded
// as a retry event, retried; the answer's body comes up buffered.
func TestBufferedBodyFailuresRetried(t *testing.T) {
	const whole = `{"whole":true}`
	for _, fault := range []struct {
		name string
		h    http.HandlerFunc
		want error
	}{
		{"stall", faultserver.Stall(whole, 1, 5*time.Second), timeout.ErrExceeded},
		{"cut short", faultserver.CloseMidBody(), io.ErrUnexpectedEOF},
	} {
		// With a Call, as the client sends them.
		srv := faultserver.New(t, faultserver.Then(2, fault.h, faultserver.OK(whole)))
		call := middleware.NewCall(middleware.Settings{RetryTimes: 2, Buffered: true, Timeout: 200 * time.Millisecond})
		req, _ := http.NewRequestWithContext(middleware.WithCall(context.Background(), call), "GET", srv.URL, nil)
		resp, err := stack(t, 200*time.Millisecond).Do(req)
		if err != nil {
			t.Fatalf("%s: %v", fault.name, err)
		}
		bb, ok := resp.Body.(*middleware.BufferedBody)
		if !ok || string(bb.Bytes()) != whole {
			t.Errorf("%s: body %T, want the whole body buffered", fault.name, resp.Body)
		}
		resp.Body.Close()
		if srv.Count() != 3 || call.Attempts() != 3 {
			t.Errorf("%s: server saw %d, call counted %d attempts; want 3", fault.name, srv.Count(), call.Attempts())
		}
		ev := call.Events()
		if len(ev) != 2 || ev[0].Name != middleware.EventRetry || !errors.Is(ev[0].Err, fault.want) ||
			!strings.Contains(ev[0].Err.Error(), "reading body") {
			t.Errorf("%s: events %+v", fault.name, ev)
		}

		// Without Settings: WithBufferedBodies; the budget runs out.
		always := faultserver.New(t, fault.h)
		_, _, err = get(t, stack(t, 200*time.Millisecond, retry.WithBufferedBodies(0)), always.URL)
		var re *retry.Error
		if !errors.Is(err, retry.ErrExhausted) || !errors.Is(err, fault.want) || !errors.As(err, &re) || re.StatusCode != 200 {
			t.Errorf("%s: err %v", fault.name, err)
		}
		if always.Count() != 3 {
			t.Errorf("%s: %d attempts, want 3", fault.name, always.Count())
		}
	}
}

// TestBufferedBodyNotBufferedByDefault: without buffering the body is the
// caller's: a cut-short body is not retried (streaming callers).
func TestBufferedBodyNotBufferedByDefault(t *testing.T) {
	srv := faultserver.New(t, faultserver.CloseMidBody())
	_, _, err := get(t, stack(t, time.Second), srv.URL)
	if !errors.Is(err, io.ErrUnexpectedEOF) || srv.Count() != 1 {
		t.Fatalf("err %v attempts %d", err, srv.Count())
	}
}

// TestBufferedBodyTooLargeNotRetried: a body over the bound ends the
// request at once with middleware.ErrTooLarge.
func TestBufferedBodyTooLargeNotRetried(t *testing.T) {
	srv := faultserver.New(t, faultserver.OK(strings.Repeat("x", 4096)))
	call := middleware.NewCall(middleware.Settings{RetryTimes: 2, Buffered: true, MaxBodyBytes: 1024})
	req, _ := http.NewRequestWithContext(middleware.WithCall(context.Background(), call), "GET", srv.URL, nil)
	_, err := stack(t, time.Second).Do(req)
	if !errors.Is(err, middleware.ErrTooLarge) || srv.Count() != 1 || call.Attempts() != 1 {
		t.Fatalf("err %v, %d attempts", err, srv.Count())
	}
	// The same when the budget is spent on a failing status.
	srv503 := faultserver.New(t, faultserver.Status(503, strings.Repeat("x", 4096)))
	_, _, err = get(t, stack(t, time.Second, retry.WithRetryTimes(1), retry.WithBufferedBodies(1024)), srv503.URL)
	if !errors.Is(err, middleware.ErrTooLarge) || srv503.Count() != 2 {
		t.Fatalf("503: err %v, %d attempts", err, srv503.Count())
	}
}

// TestBufferedPostBodyFailure: a POST whose body broke was surely sent: not
// retried unless idempotent.
func TestBufferedPostBodyFailure(t *testing.T) {
	for _, c := range []struct {
		h    http.Header
		want int
	}{{nil, 1}, {http.Header{"Idempotency-Key": {"k"}}, 2}} {
		srv := faultserver.New(t, faultserver.Then(1, faultserver.CloseMidBody(), faultserver.OK(`"ok"`)))
		hc := stack(t, time.Second, retry.WithBufferedBodies(0))
		resp, err := hc.Do(post(context.Background(), srv.URL, "x", c.h))
		if srv.Count() != c.want {
			t.Errorf("%v: %d attempts, want %d (err %v)", c.h, srv.Count(), c.want, err)
		}
		if err == nil {
			resp.Body.Close()
		}
	}
}

// TestRetryAfterForms: both forms of Retry-After are read against the
// layer's clock; a value too large for a Duration is over the cap, never a
// wrapped-around short wait; a negative or unparsable one is ignored.
func TestRetryAfterForms(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	date := func(d time.Duration) string { return now.Add(d).Format(http.TimeFormat) }
	cases := []struct {
		value string
		stop  bool          // ErrRetryAfter after one attempt
		wait  time.Duration // else the wait before the retry (no jitter: rand 0)
	}{
		{"18446744074", true, 0}, // × 1e9 ns wraps around int64 to about 0.29 s
		{"9223372037", true, 0},  // the first whole second over a Duration
		{"99999999999999999999999", true, 0},
		{"11", true, 0},
		{"3", false, 3 * time.Second},
		{"0", false, 0},
		{"-5", false, time.Millisecond}, // ignored: the backoff's wait
		{"soon", false, time.Millisecond},
		{date(4 * time.Second), false, 4 * time.Second},
		{now.Add(4 * time.Second).Format(time.RFC850), false, 4 * time.Second},
		{now.Add(4 * time.Second).Format(time.ANSIC), false, 4 * time.Second},
		{date(-time.Hour), false, 0},
		{date(time.Minute), true, 0},
		{"Fri, 31 Dec 9999 23:59:59 GMT", true, 0},
	}
	for _, c := range cases {
		srv := faultserver.New(t, faultserver.RetryAfter(1, 503, c.value, faultserver.OK(`"ok"`)))
		var waits []time.Duration
		hc := &http.Client{Transport: retry.New(nil,
			retry.WithBackoff(func(min, max time.Duration, n int, _ *http.Response) time.Duration { return 2 * time.Millisecond }, 0, 0),
			retry.WithRand(func() float64 { return 0 }),
			retry.WithClock(func() time.Time { return now }),
			retry.WithSleep(func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }))}
		req, _ := http.NewRequestWithContext(withCall(context.Background(), 2), "GET", srv.URL, nil)
		resp, err := hc.Do(req)
		if c.stop {
			var re *retry.Error
			if !errors.Is(err, retry.ErrRetryAfter) || !errors.As(err, &re) || re.Wait <= 10*time.Second || srv.Count() != 1 {
				t.Errorf("%q: err %v, %d attempts; want ErrRetryAfter after 1", c.value, err, srv.Count())
			}
			continue
		}
		if err != nil || srv.Count() != 2 || len(waits) != 1 || waits[0] != c.wait {
			t.Errorf("%q: err %v, %d attempts, waits %v; want a retry after %v", c.value, err, srv.Count(), waits, c.wait)
		}
		if err == nil {
			resp.Body.Close()
		}
	}
}

// Past maxEarlier failures, the text counts the ones it leaves out.
func TestErrorTextCountsAttemptsLeftOut(t *testing.T) {
	e := &retry.Error{Kind: retry.ErrExhausted, Attempts: 20, Err: errors.New("reset"),
		Earlier: []error{errors.New("status 503"), errors.New("status 502")}}
	want := "retry: attempts exhausted after 20 attempt(s): reset (earlier attempts: status 503; status 502; 17 more)"
	if got := e.Error(); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// A redirect in a call that reads bodies whole is one its client follows:
// its body is dropped unread, and what is handed up says so coherently (no
// Content-Length for a body that is not there), for a caller that keeps the
// redirect all the same (ErrUseLastResponse).
func TestDroppedRedirectBodyHasNoLength(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "/b")
		w.WriteHeader(http.StatusFound)
		io.WriteString(w, "moved to /b")
	}))
	defer srv.Close()
	hc := &http.Client{Transport: retry.New(nil), CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	ctx, _ := middleware.NewCallContext(context.Background(), middleware.Settings{Buffered: true})
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/a", nil)
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusFound {
		t.Fatalf("status %d, %v", resp.StatusCode, err)
	}
	if cl := resp.Header.Get("Content-Length"); cl != "" || resp.ContentLength != int64(len(b)) {
		t.Errorf("Content-Length %q, ContentLength %d, body %q", cl, resp.ContentLength, b)
	}
}
