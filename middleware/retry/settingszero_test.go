package retry_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
)

// TestSettingsZeroRetryTimes: a request whose Settings say RetryTimes 0 is
// tried once, as Settings.RetryTimes's doc says: the layer's own default
// (WithRetryTimes, 2) is for requests that carry no Settings.
func TestSettingsZeroRetryTimes(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	rt := retry.New(nil, retry.WithSleep(func(context.Context, time.Duration) error { return nil }))
	for _, c := range []struct {
		withSettings bool
		attempts     int32
	}{{true, 1}, {false, 1 + retry.DefaultRetryTimes}} {
		n.Store(0)
		ctx := context.Background()
		if c.withSettings {
			ctx, _ = middleware.NewCallContext(ctx, middleware.Settings{})
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
		if resp, err := rt.RoundTrip(req); err == nil {
			resp.Body.Close()
		}
		if n.Load() != c.attempts {
			t.Errorf("Settings %v: %d attempts, want %d", c.withSettings, n.Load(), c.attempts)
		}
	}
}
