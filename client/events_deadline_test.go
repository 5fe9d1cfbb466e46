package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/retry"
)

// The spec (Retry): "no attempt is started, and no backoff or Retry-After
// wait begun, that cannot finish before the caller's deadline; the error
// then says so." An event stream's reconnection time (the server's retry
// field, Retry-After's counterpart) is such a wait: one that would end
// past the deadline is not begun, and the error says which wait it was.
func TestEventsReconnectWaitPastTheDeadlineNotBegun(t *testing.T) {
	srv := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "retry: 5000\ndata: hi\n\n")
	})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var failMsg string
	start := time.Now()
	var events int
	var err error
	for ev, e := range client.New().Events(ctx, client.Option{URL: srv.URL,
		Fail: func(r *client.Response, _ error) { failMsg = r.ErrMsg }}) {
		if e != nil {
			err = e
			break
		}
		if ev.Data == "hi" {
			events++
		}
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("ended after %v: it waited for a reconnection it could not make before the deadline", d)
	}
	if events != 1 || srv.Count() != 1 {
		t.Fatalf("%d events, %d connections; want 1, 1", events, srv.Count())
	}
	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, retry.ErrDeadline) {
		t.Fatalf("err %v; want retry.ErrDeadline, matching context.DeadlineExceeded", err)
	}
	if !strings.Contains(err.Error(), "reconnection wait 5s") {
		t.Errorf("the error does not say which wait: %v", err)
	}
	if failMsg != "request:fail timeout" {
		t.Errorf("Fail's ErrMsg %q, want request:fail timeout", failMsg)
	}
}

// A wait that ends before the deadline is waited, as before.
func TestEventsReconnectWaitBeforeTheDeadlineWaited(t *testing.T) {
	srv := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "retry: 10\ndata: hi\n\n")
	})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	n := 0
	for _, err := range client.New().Events(ctx, client.Option{URL: srv.URL}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 3 {
			break
		}
	}
	if srv.Count() != 3 {
		t.Errorf("%d connections, want 3", srv.Count())
	}
}
