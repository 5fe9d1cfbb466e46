package retry_test

import (
	"context"
	"testing"
	"time"

	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/retry"
)

// The wait asked of the sleep for Retry-After: 1 is 1 s plus at most 10%,
// whatever the jitter draws. It is read from the sleep, not the clock, so
// that no slowness of the machine can pass for a longer wait or hide one.
func TestRetryAfterWaitIsAtMostTenPercentLonger(t *testing.T) {
	for _, draw := range []float64{0, 0.5, 0.999} {
		srv := faultserver.New(t, faultserver.RetryAfter(1, 429, "1", faultserver.OK(`"ok"`)))
		var waits []time.Duration
		record := retry.WithSleep(func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil })
		resp, _, err := get(t, stack(t, time.Second, record, retry.WithRand(func() float64 { return draw })), srv.URL)
		if err != nil || resp.StatusCode != 200 || len(waits) != 1 || waits[0] < time.Second || waits[0] > 1100*time.Millisecond {
			t.Errorf("jitter draw %v: err %v, waits %v; want one wait of 1s to 1.1s", draw, err, waits)
		}
	}
}
