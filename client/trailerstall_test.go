package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// TestAnAnnouncedTrailerThatNeverComesFailsTheAttempt: over HTTP/2, an
// answer that announces a trailer is read past its Content-Length, to the
// end of the stream, where the trailer comes. A server that sends the
// announced bytes and never ends the stream had each call wait its whole
// Timeout, then succeed, while the breaker below counted the timed-out read
// as the origin's failure: twenty such successes opened the circuit, and
// the next call failed with ErrOpen: a success the breaker took for a
// failure. The body did not arrive whole (a read to its end times out, as
// fetch's would): the attempt now fails with the timeout, as one whose body
// stalls does, and the call says what the breaker counts.
func TestAnAnnouncedTrailerThatNeverComesFailsTheAttempt(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Trailer", "X-Checksum")
		w.Header().Set("Content-Length", "7")
		io.WriteString(w, "payload")
		if r.URL.Path == "/ends" {
			w.Header().Set("X-Checksum", "c0ffee")
			return
		}
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	c := client.New(client.WithTransport(srv.Client().Transport))
	opt := client.Option{URL: srv.URL + "/stalls", Timeout: 30 * time.Millisecond, DataType: client.DataType("text"),
		RetryTimes: client.NoRetry}
	for i := range 3 {
		r, err := c.Request(context.Background(), opt)
		if !errors.Is(err, timeout.ErrExceeded) {
			t.Fatalf("call %d: data %v, err %v; want timeout.ErrExceeded: the stream never ended", i+1, r.Data, err)
		}
	}
	// One that ends, its trailer with it, is an answer as ever.
	opt.URL, opt.Timeout = srv.URL+"/ends", 0
	r, err := client.New(client.WithTransport(srv.Client().Transport)).Request(context.Background(), opt)
	if err != nil || r.Data != "payload" {
		t.Fatalf("a stream that ends: data %v, %v", r.Data, err)
	}
}
