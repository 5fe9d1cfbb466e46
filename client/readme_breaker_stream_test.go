package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/breaker"
)

// README (Streaming): the circuit breaker judges a stream by its answer,
// not by its end; a break mid-stream is not counted. A download
// (EnableChunked, not an event stream) that breaks after its first bytes,
// three times, leaves even a circuit that opens at the first failure
// closed.
func TestReadmeChunkedBreakMidStreamNotCounted(t *testing.T) {
	full := strings.Repeat("x", 1000)
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		cutAfter(w, full[:100], len(full))
	})
	c := client.New(fastRetry, client.WithBreaker(breaker.WithThreshold(1)))
	for i := range 3 {
		resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
		if err != nil {
			t.Fatalf("call %d: %v (the circuit opened on a broken stream)", i, err)
		}
		_, err = io.ReadAll(resp.Body)
		resp.Body.Close()
		if !errors.Is(err, client.ErrStreamBroken) {
			t.Fatalf("call %d: %v, want ErrStreamBroken", i, err)
		}
	}
	if n := srv.count.Load(); n != 3 {
		t.Fatalf("%d requests, want 3", n)
	}
}
