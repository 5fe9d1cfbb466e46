package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// A streamed call's Timeout over HTTP/2 (found against go-httpbin's /drip
// and /delay over TLS): the wait for the headers and the idle wait between
// chunks end the attempt's context by a cancel whose cause is
// timeout.ErrExceeded, and net/http's HTTP/2 transport reports
// context.Canceled where its HTTP/1 one reports the cause. Kept in the
// timeout error's chain, a timeout matched context.Canceled, the caller's
// own cancel: ErrMsg said "request:fail abort" and the CLI exited 130
// (interrupted) where HTTP/1 says timeout and exits 2. Each case is a
// timeout, never a cancel, whatever the protocol.
func TestHTTP2StreamedTimeoutIsATimeoutNotACancel(t *testing.T) {
	srv, c, _ := newH2TestServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/headers-stall" {
			<-r.Context().Done() // the client's RST_STREAM at its Timeout ends it
			return
		}
		w.WriteHeader(200)
		io.WriteString(w, "x")
		w.(http.Flusher).Flush()
		<-r.Context().Done() // a stream that stalls after its first byte
	})
	const d = 100 * time.Millisecond
	check := func(name string, resp *client.Response, err error) {
		t.Helper()
		if err == nil {
			t.Fatalf("%s: no error", name)
		}
		if !errors.Is(err, timeout.ErrExceeded) || errors.Is(err, context.Canceled) || errors.Is(err, client.ErrAbort) {
			t.Errorf("%s: err %v: ErrExceeded %v, context.Canceled %v (want true, false)", name, err,
				errors.Is(err, timeout.ErrExceeded), errors.Is(err, context.Canceled))
		}
		if resp != nil && resp.ErrMsg != "request:fail timeout" {
			t.Errorf("%s: ErrMsg %q, want request:fail timeout", name, resp.ErrMsg)
		}
		var e *client.Error
		if errors.As(err, &e) && e.Reason() != "timeout" {
			t.Errorf("%s: Reason %q, want timeout", name, e.Reason())
		}
	}

	// The wait for the headers.
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/headers-stall", EnableChunked: true, Timeout: d, RetryTimes: client.NoRetry})
	check("headers", resp, err)

	// The idle wait between chunks, read from the Body.
	resp, err = c.Request(context.Background(), client.Option{URL: srv.URL + "/body-stall", EnableChunked: true, Timeout: d, RetryTimes: client.NoRetry})
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	check("body read", nil, err)

	// The same through a Task, whose Response and callbacks carry it.
	var failMsg string
	task := c.Go(context.Background(), client.Option{URL: srv.URL + "/body-stall", EnableChunked: true, Timeout: d, RetryTimes: client.NoRetry,
		Fail: func(r *client.Response, _ error) { failMsg = r.ErrMsg }})
	resp, err = task.Wait()
	check("task", resp, err)
	if failMsg != "request:fail timeout" {
		t.Errorf("task: Fail saw ErrMsg %q", failMsg)
	}
}
