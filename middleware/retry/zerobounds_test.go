package retry_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/retry"
)

// TestNegativeBoundsReadAsZero: a negative WithMaxRetryAfter is the zero cap
// (Retry-After: 0 is retried at once, a wait asked for stops the retries), not
// a cap below zero that refused even Retry-After: 0; negative WithBackoff
// bounds retry without waiting, as zero ones do, where the sleep was handed
// negative waits.
func TestNegativeBoundsReadAsZero(t *testing.T) {
	for _, c := range []struct {
		retryAfter string
		cap        time.Duration
		attempts   int32
	}{
		{"0", 0, 2}, {"0", -time.Second, 2}, {"1", 0, 1}, {"1", -time.Second, 1}, {"1", time.Minute, 2},
	} {
		var n atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if n.Add(1) == 1 {
				w.Header().Set("Retry-After", c.retryAfter)
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			io.WriteString(w, "ok")
		}))
		rt := retry.New(nil, retry.WithMaxRetryAfter(c.cap),
			retry.WithSleep(func(context.Context, time.Duration) error { return nil }))
		req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
		resp, err := rt.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		srv.Close()
		if n.Load() != c.attempts {
			t.Errorf("Retry-After: %s, WithMaxRetryAfter(%v): %d attempts, want %d", c.retryAfter, c.cap, n.Load(), c.attempts)
		}
	}

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer srv.Close()
	for _, bound := range []time.Duration{0, -time.Second} {
		var waits []time.Duration
		rt := retry.New(nil, retry.WithBackoff(nil, bound, bound),
			retry.WithSleep(func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }))
		req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
		resp, err := rt.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if len(waits) != 2 || waits[0] != 0 || waits[1] != 0 {
			t.Errorf("WithBackoff(nil, %v, %v): waits %v, want two of none", bound, bound, waits)
		}
	}
}
