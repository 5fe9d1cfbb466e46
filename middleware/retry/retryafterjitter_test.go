package retry_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/retry"
)

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
