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
	"github.com/taroreq/taroreq/transports"
)

// TestZeroBudgetIsNewBudgetsDefault: a Budget made without NewBudget (the
// zero value, &retry.Budget{}) throttles as NewBudget(0, 0) does, full with
// gRPC's defaults. It had no token and refused every retry: a 503 then a 200
// came back as the 503, with no word of why.
func TestZeroBudgetIsNewBudgetsDefault(t *testing.T) {
	for name, b := range map[string]*retry.Budget{"zero": {}, "NewBudget(0, 0)": retry.NewBudget(0, 0)} {
		s := transports.NewScripted()
		s.On("GET", "http://api.test/x").Respond(503, "busy").Respond(200, "ok")
		rt := retry.New(s, retry.WithBudget(b), retry.WithSleep(nil),
			retry.WithBackoff(nil, time.Millisecond, time.Millisecond))
		req, _ := http.NewRequest("GET", "http://api.test/x", nil)
		resp, err := rt.RoundTrip(req)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || s.Count("GET", "http://api.test/x") != 2 {
			t.Errorf("%s: status %d after %d attempts, want 200 after 2", name, resp.StatusCode, s.Count("GET", "http://api.test/x"))
		}
		// One failure taken, one success given back (0.1).
		if got := b.Tokens(); got < 9.09 || got > 9.11 {
			t.Errorf("%s: %v tokens left, want 9.1", name, got)
		}
	}
	var none *retry.Budget
	if none.Tokens() != 0 {
		t.Error("a nil Budget has tokens")
	}
}

// TestRetryTimesZeroIsNone: WithRetryTimes(0), and a negative count, mean no
// retry in the layer (where client.Option.RetryTimes 0 means the default).
func TestRetryTimesZeroIsNone(t *testing.T) {
	for _, n := range []int{0, -1} {
		s := transports.NewScripted()
		s.On("GET", "http://api.test/x").Respond(503, "busy").Respond(200, "ok")
		rt := retry.New(s, retry.WithRetryTimes(n), retry.WithSleep(nil))
		req, _ := http.NewRequest("GET", "http://api.test/x", nil)
		resp, err := rt.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 503 || s.Count("GET", "http://api.test/x") != 1 {
			t.Errorf("WithRetryTimes(%d): %d after %d attempts, want the 503 after 1", n, resp.StatusCode, s.Count("GET", "http://api.test/x"))
		}
	}
}

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
