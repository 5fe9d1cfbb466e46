package retry_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/retry"
)

// TestWithFailureDecidesWhatToRetry: retry.WithFailure takes the predicate
// shape breaker's and backup's WithFailure take. One that counts a 404 as
// a failure retries it; one that counts nothing stops a 503 at the first
// attempt; nil is the default policy (a 503 retried, a 404 not).
func TestWithFailureDecidesWhatToRetry(t *testing.T) {
	notFoundToo := func(resp *http.Response, err error) bool {
		return retry.Failed(resp, err) || resp.StatusCode == http.StatusNotFound
	}
	never := func(*http.Response, error) bool { return false }
	for name, tc := range map[string]struct {
		f      func(*http.Response, error) bool
		status int
		want   int // requests the server gets: 2 retries at most
	}{
		"404 counted":      {notFoundToo, 404, 3},
		"nothing counted":  {never, 503, 1},
		"nil, 503 retried": {nil, 503, 3},
		"nil, 404 not":     {nil, 404, 1},
	} {
		srv := faultserver.New(t, faultserver.Status(tc.status, "no"))
		resp, _, err := get(t, stack(t, time.Second, retry.WithRetryTimes(2), retry.WithFailure(tc.f)), srv.URL)
		if err == nil && resp.StatusCode != tc.status {
			t.Errorf("%s: status %d", name, resp.StatusCode)
		}
		if got := srv.Count(); got != tc.want {
			t.Errorf("%s: %d requests, want %d (err %v)", name, got, tc.want, err)
		}
	}
}
