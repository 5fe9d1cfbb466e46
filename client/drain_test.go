package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A failed attempt whose body drips (a slow error page) is given up, not
// drained to its end, before the retry: a streamed call's idle timeout does
// not bound the drain, since bytes keep coming.
func TestRetryDoesNotWaitForADrippingErrorBody(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) > 1 {
			w.Write([]byte("ok"))
			return
		}
		w.Header().Set("Content-Length", "100000")
		w.WriteHeader(http.StatusServiceUnavailable)
		for i := 0; i < 100000; i++ {
			if _, err := w.Write([]byte("e")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}))
	defer srv.Close()
	for _, chunked := range []bool{true, false} {
		n.Store(0)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		start := time.Now()
		resp, err := client.New().Request(ctx, client.Option{URL: srv.URL, EnableChunked: chunked, DataType: "text",
			Timeout: 300 * time.Millisecond})
		var body string
		if err == nil && chunked {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			body = string(b)
		} else if err == nil {
			body, _ = resp.Data.(string)
		}
		cancel()
		if el := time.Since(start); err != nil || body != "ok" || el > 1500*time.Millisecond {
			t.Fatalf("chunked %v: body %q, err %v after %v; want the retry's ok well within the 5 s ctx", chunked, body, err, el)
		}
	}
}

// A call whose deadline leaves no time for the wait a Retry-After asks is
// stopped at once, and reported as every stop at the deadline is: a
// timeout.
func TestDeadlineBeforeRetryAfterIsATimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "2")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	resp, err := client.New().Request(ctx, client.Option{URL: srv.URL})
	if !errors.Is(err, context.DeadlineExceeded) || resp.ErrMsg != "request:fail timeout" {
		t.Fatalf("err %v, ErrMsg %q; want a timeout", err, resp.ErrMsg)
	}
}

// A streamed call whose URLs all answer with a dripping error page ends
// without waiting for the drip: the backup layer does not read the last
// URL's failed body whole (the idle timeout would not cut it).
func TestStreamedFailoverDoesNotWaitForADrippingErrorPage(t *testing.T) {
	stop := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "300")
		w.WriteHeader(http.StatusServiceUnavailable)
		for i := 0; i < 300; i++ {
			select {
			case <-stop:
				return
			case <-r.Context().Done():
				return
			case <-time.After(10 * time.Millisecond):
			}
			w.Write([]byte("x"))
			w.(http.Flusher).Flush()
		}
	}))
	defer srv.Close()
	defer close(stop)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	start := time.Now()
	resp, err := client.New().Request(ctx, client.Option{URL: srv.URL + "/a", Backup: []string{srv.URL + "/b"},
		RetryTimes: client.NoRetry, EnableChunked: true, Timeout: 2 * time.Second})
	if resp.Body != nil {
		resp.Body.Close()
	}
	if el := time.Since(start); el > 1500*time.Millisecond {
		t.Fatalf("the call took %v (err %v); want well under the 3 s drip", el, err)
	}
}
