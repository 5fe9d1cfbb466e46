package breaker_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// A timeout while the caller's own request body reader gave nothing is
// the caller's, not the origin's: one user's stalled uploads do not open
// the circuit every user of the origin goes through. A timeout while the
// server was awaited still counts.
func TestStalledUploadIsNotTheOriginsFailure(t *testing.T) {
	slow := make(chan struct{})
	defer close(slow)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if r.URL.Path == "/slow" {
			select {
			case <-slow:
			case <-r.Context().Done():
			}
		}
	}))
	defer srv.Close()
	rt := middleware.Chain(nil, breaker.Middleware(breaker.WithThreshold(2)),
		timeout.Middleware(timeout.WithTimeout(100*time.Millisecond)))
	hc := &http.Client{Transport: rt}
	defer hc.CloseIdleConnections()
	for i := 0; i < 3; i++ {
		body := layertest.NewStuckReader(64)
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodPut, srv.URL+"/upload", body)
		_, err := hc.Do(req)
		close(body.Release)
		if !errors.Is(err, middleware.ErrBodyStalled) || !errors.Is(err, timeout.ErrExceeded) {
			t.Fatalf("upload %d: err = %v, want a timeout waiting for the body's reader", i, err)
		}
	}
	resp, err := hc.Get(srv.URL + "/ok")
	if err != nil {
		t.Fatalf("after three stalled uploads the origin is refused: %v", err)
	}
	resp.Body.Close()

	for i := 0; i < 2; i++ { // the server's own slowness, body sent whole
		body := layertest.NewStuckReader(64)
		close(body.Release)
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodPut, srv.URL+"/slow", body)
		if _, err := hc.Do(req); !errors.Is(err, timeout.ErrExceeded) || errors.Is(err, middleware.ErrBodyStalled) {
			t.Fatalf("slow %d: err = %v, want the server's timeout", i, err)
		}
	}
	if _, err := hc.Get(srv.URL + "/ok"); !errors.Is(err, breaker.ErrOpen) {
		t.Fatalf("two timeouts of the server left the circuit closed: %v", err)
	}
}
