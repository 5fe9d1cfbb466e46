package client_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/breaker"
)

// The half-open circuit's probe is a stream (EnableChunked) that the origin
// answers at once, 200, and keeps open: the answer closes the circuit, and
// other requests to the origin go through while the stream lasts.
func TestBreakerProbeThatStreamsClosesTheCircuit(t *testing.T) {
	var fail atomic.Bool
	fail.Store(true)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if fail.Load() {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		if r.URL.Path == "/events" {
			w.Header().Set("Content-Type", "application/octet-stream") // a download: only the option says stream
			w.Write([]byte("data: hi\n\n"))
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return
		}
		w.Write([]byte(`{"ok":true}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBreaker(breaker.WithThreshold(1), breaker.WithOpenTimeout(100*time.Millisecond)))
	ctx := context.Background()
	c.Request(ctx, client.Option{URL: srv.URL + "/x", RetryTimes: client.NoRetry}) // a 500: the circuit opens
	if _, err := c.Request(ctx, client.Option{URL: srv.URL + "/x"}); !errors.Is(err, breaker.ErrOpen) {
		t.Fatalf("circuit not open: %v", err)
	}
	fail.Store(false)
	time.Sleep(150 * time.Millisecond) // open, then half-open
	stream, err := c.Request(ctx, client.Option{URL: srv.URL + "/events", EnableChunked: true})
	if err != nil {
		t.Fatalf("probe: %v", err)
	}
	defer stream.Body.Close()
	if line, _ := bufio.NewReader(stream.Body).ReadString('\n'); line != "data: hi\n" {
		t.Fatalf("stream: %q", line)
	}
	resp, err := c.Request(ctx, client.Option{URL: srv.URL + "/y"})
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("the origin answered the probe 200, yet while the stream lasts: %v (status %d)", err, resp.StatusCode)
	}
}

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
