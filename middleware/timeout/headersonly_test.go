package timeout_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// A streamed call with HeadersTimeoutOnly: Timeout bounds the wait for
// the headers, and a body silent for longer than it is not cut.
func TestHeadersTimeoutOnly(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/late" {
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
			return
		}
		io.WriteString(w, "first ")
		w.(http.Flusher).Flush()
		time.Sleep(150 * time.Millisecond) // three Timeouts of silence
		io.WriteString(w, "second")
	}))
	defer srv.Close()
	rt := timeout.New(nil)
	send := func(path string) (*http.Response, error) {
		ctx, _ := middleware.NewCallContext(context.Background(),
			middleware.Settings{Timeout: 50 * time.Millisecond, Streaming: true, HeadersTimeoutOnly: true})
		req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+path, nil)
		return rt.RoundTrip(req)
	}
	start := time.Now()
	if _, err := send("/late"); !errors.Is(err, timeout.ErrExceeded) {
		t.Fatalf("headers later than Timeout: err %v, want timeout.ErrExceeded", err)
	}
	within(t, start, 40*time.Millisecond, time.Second)
	resp, err := send("/silent")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || string(b) != "first second" {
		t.Fatalf("body %q, err %v; want it whole after a silence longer than Timeout", b, err)
	}
}
