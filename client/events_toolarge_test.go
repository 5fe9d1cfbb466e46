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
)

// An event over the client's response size bound is the caller's to hear
// of: the sequence ends with ErrResponseTooLarge. It reconnected instead
// (the event dropped unseen), for ever while the server sent an event
// before the oversized one, downloading up to the bound each time.
func TestEventsOverTheSizeBoundEndsTheSequence(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		sseHeader(w)
		io.WriteString(w, "retry: 1\ndata: small\n\ndata: "+strings.Repeat("x", 4096)+"\n\n")
	})
	c := client.New(client.WithMaxResponseBytes(1024))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var events int
	var last error
	for ev, err := range c.Events(ctx, client.Option{URL: srv.URL}) {
		if err != nil {
			last = err
			break
		}
		if ev.Data != "small" {
			t.Fatalf("event %q", ev.Data)
		}
		if events++; events > 5 {
			break
		}
	}
	if !errors.Is(last, client.ErrResponseTooLarge) {
		t.Fatalf("after %d events and %d connections: err %v, want ErrResponseTooLarge", events, srv.count.Load(), last)
	}
	if n := srv.count.Load(); n != 1 {
		t.Errorf("%d connections, want 1: the oversized event is not reconnected for", n)
	}
}
