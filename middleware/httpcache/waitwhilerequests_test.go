package httpcache_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// Transport.Wait while POSTs went on crashed the process ("sync:
// WaitGroup is reused before previous Wait has returned"): each POST's
// invalidation adds to what Wait waits for, from zero, as Wait returns.
// Wait now returns once none is running, whatever starts meanwhile.
func TestWaitWhileUnsafeRequestsGoOn(t *testing.T) {
	tr := httpcache.New(middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody, Header: http.Header{}, Request: r}, nil
	}))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stop := time.Now().Add(300 * time.Millisecond)
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(stop) {
				req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://origin.test/doc", nil)
				if resp, err := tr.RoundTrip(req); err == nil {
					resp.Body.Close()
				}
			}
		}()
	}
	for time.Now().Before(stop) {
		tr.Wait()
	}
	wg.Wait()
	tr.Wait()
}
