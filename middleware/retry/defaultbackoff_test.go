package retry_test

import (
	"context"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/retry"
)

// The layer's defaults (DefaultMinWait 100ms, DefaultMaxWait 2s: the spec's
// "short exponential with jitter") and its jitter, which no test held
// (DefaultMinWait at 300 ms passed the package and the client's retry
// tests). Without a Retry-After, the wait before retry n is the backoff,
// 100 ms doubled n-1 times up to 2 s, jittered below it: half of it plus
// a random part of the other half (WithRand 0: half; 0.5: three quarters).
func TestDefaultBackoffDoublesFromATenthOfASecondToTwoSeconds(t *testing.T) {
	ms := time.Millisecond
	for _, tc := range []struct {
		rand float64
		want []time.Duration
	}{
		{0, []time.Duration{50 * ms, 100 * ms, 200 * ms, 400 * ms, 800 * ms, 1000 * ms}},
		{0.5, []time.Duration{75 * ms, 150 * ms, 300 * ms, 600 * ms, 1200 * ms, 1500 * ms}},
	} {
		srv := faultserver.New(t, faultserver.Status(http.StatusServiceUnavailable, `"busy"`))
		var waits []time.Duration
		hc := &http.Client{Transport: retry.New(nil, retry.WithRetryTimes(6),
			retry.WithRand(func() float64 { return tc.rand }),
			retry.WithSleep(func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }))}
		resp, err := hc.Get(srv.URL)
		if err != nil {
			t.Fatalf("rand %v: %v", tc.rand, err)
		}
		resp.Body.Close()
		if !slices.Equal(waits, tc.want) || srv.Count() != 7 {
			t.Errorf("rand %v: waits %v over %d attempts; want %v over 7", tc.rand, waits, srv.Count(), tc.want)
		}
	}
}
