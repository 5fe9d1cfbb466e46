package retry_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
)

// A request net/http's HTTP/2 transport refuses to send (a Connection
// other than close or keep-alive, an Upgrade: a WebSocket handshake sent
// through a plain http.Client to an origin that speaks HTTP/2) fails so
// again: it is not retried. Its text is none of those
// TestAMalformedRequestIsNotRetried's fix matches (nor does
// go-retryablehttp's policy refuse it), so it was tried three times, with
// the backoff's waits in between.
func TestARequestHTTP2RefusesIsNotRetried(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok")
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	var attempts atomic.Int32
	inner := srv.Client().Transport
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		attempts.Add(1)
		return inner.RoundTrip(r)
	})
	hc := &http.Client{Transport: retry.New(base, retry.WithRetryTimes(2), retry.WithBackoff(nil, 0, 0))}
	for _, h := range [][2]string{{"Connection", "Upgrade"}, {"Upgrade", "websocket"}} {
		attempts.Store(0)
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/x", nil)
		req.Header.Set(h[0], h[1])
		resp, err := hc.Do(req)
		if err == nil {
			resp.Body.Close()
			t.Fatalf("%s: %s was sent over HTTP/2 (%s)", h[0], h[1], resp.Proto)
		}
		if n := attempts.Load(); n != 1 {
			t.Errorf("%s: %s: %d attempts (want 1): %v", h[0], h[1], n, err)
		}
	}
	attempts.Store(0)
	resp, err := hc.Get(srv.URL + "/x")
	if err != nil || attempts.Load() != 1 {
		t.Fatalf("a good request: %d attempts, %v", attempts.Load(), err)
	}
	resp.Body.Close()
}
