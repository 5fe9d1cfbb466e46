package retry_test

import (
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
)

// A request net/http refuses to send as it writes its head (a Host that
// is no host, from a plain http.Client or a layer of yours that routes by
// tenant) fails so again: it is not retried. RefusedToSend knew the
// refusals of the Transport's checks and HTTP/2's connection-specific
// headers, not these, so each was tried three times.
func TestARequestRefusedAsItsHeadIsWrittenIsNotRetried(t *testing.T) {
	refusals, h2, inner := layertest.RefusedToWrite(t)
	var attempts atomic.Int32
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		attempts.Add(1)
		return inner.RoundTrip(r)
	})
	hc := &http.Client{Transport: retry.New(base, retry.WithRetryTimes(2), retry.WithBackoff(nil, 0, 0))}
	for _, c := range refusals {
		attempts.Store(0)
		req, _ := http.NewRequest(http.MethodGet, c.Srv.URL+"/x", nil)
		c.Edit(req)
		resp, err := hc.Do(req)
		if err == nil {
			resp.Body.Close()
			t.Fatalf("%s: sent over %s", c.Name, resp.Proto)
		}
		if n := attempts.Load(); n != 1 {
			t.Errorf("%s: %d attempts (want 1): %v", c.Name, n, err)
		}
	}
	attempts.Store(0)
	resp, err := hc.Get(h2.URL + "/x")
	if err != nil || attempts.Load() != 1 {
		t.Fatalf("a good request: %d attempts, %v", attempts.Load(), err)
	}
	resp.Body.Close()
}
