package client_test

import (
	"context"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// An entry still fresh but refused by the caller's max-age or min-fresh
// answers a failure "as a stale one" (README): a 5xx only under
// stale-if-error, as the same entry once stale; without one, the 5xx is
// the answer.
func TestEntryTheRequestRefusedAnswers5xxOnlyUnderStaleIfError(t *testing.T) {
	for _, tc := range []struct {
		name, cacheControl, directive string
		wantEntry                     bool
	}{
		{"max-age", "max-age=60", "max-age=5", false},
		{"min-fresh", "max-age=60", "min-fresh=40", false},
		{"max-age, response stale-if-error", "max-age=60, stale-if-error=600", "max-age=5", true},
		{"max-age, request stale-if-error", "max-age=60", "max-age=5, stale-if-error=600", true},
		{"max-age, must-revalidate, stale-if-error", "max-age=60, must-revalidate, stale-if-error=600", "max-age=5", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var now atomic.Int64
			now.Store(time.Now().UnixNano())
			var down atomic.Bool
			primary := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
				if down.Load() {
					w.WriteHeader(http.StatusServiceUnavailable)
					return
				}
				w.Header().Set("Cache-Control", tc.cacheControl)
				w.Header().Set("Content-Type", "application/json")
				io.WriteString(w, `{"v":"cached"}`)
			})
			c := fastClient(client.WithHTTPCache(httpcache.WithClock(func() time.Time { return time.Unix(0, now.Load()) })))
			ctx := context.Background()
			if _, err := c.Request(ctx, client.Option{URL: primary.URL + "/a", Mode: client.ModeCORS}); err != nil {
				t.Fatal(err)
			}
			down.Store(true)
			now.Add(int64(30 * time.Second)) // fresh for 30 s more: refused by max-age=5 and min-fresh=40
			resp, err := c.Request(ctx, client.Option{URL: primary.URL + "/a", Mode: client.ModeCORS, RetryTimes: client.NoRetry,
				Header: http.Header{"Cache-Control": {tc.directive}}})
			if err != nil {
				t.Fatal(err)
			}
			gotEntry := resp.FromCache
			if gotEntry != tc.wantEntry {
				t.Errorf("status %d, FromCache %v, data %v; want the entry: %v", resp.StatusCode, resp.FromCache, resp.Data, tc.wantEntry)
			}
			if !gotEntry && resp.StatusCode != http.StatusServiceUnavailable {
				t.Errorf("status %d, want the origin's 503", resp.StatusCode)
			}
		})
	}
}
