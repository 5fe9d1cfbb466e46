package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// When the retries end with an error while a response is in hand or had
// arrived (a Retry-After past the cap, a wait past the deadline, a later
// attempt that timed out), the failed call still carries the status, the
// header and the data of the last response that arrived, as the README
// ("Every call returns a non-nil *Response ...") says. The status and
// header were kept, the body dropped.
func TestRetryStopKeepsLastResponseData(t *testing.T) {
	var n atomic.Int64
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		k := n.Add(1)
		switch r.URL.Path {
		case "/cap":
			w.Header().Set("Retry-After", "3600")
		case "/deadline":
			w.Header().Set("Retry-After", "1")
		case "/thentimeout":
			if k%2 == 0 { // the second attempt never answers
				<-r.Context().Done()
				return
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Attempt", fmt.Sprint(k))
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = fmt.Fprintf(w, `{"msg":"maintenance","attempt":%d}`, k)
	})
	for _, c := range []struct {
		path    string
		want    error
		ctx     time.Duration
		timeout time.Duration
	}{
		{"/cap", retry.ErrRetryAfter, 0, 0},
		{"/deadline", retry.ErrDeadline, 300 * time.Millisecond, 0},
		{"/thentimeout", timeout.ErrExceeded, 0, 100 * time.Millisecond},
	} {
		n.Store(0)
		ctx := context.Background()
		if c.ctx > 0 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, c.ctx)
			defer cancel()
		}
		resp, err := fastClient().Request(ctx, client.Option{URL: srv.URL + c.path, RetryTimes: 1, Timeout: c.timeout})
		if !errors.Is(err, c.want) {
			t.Fatalf("%s: err %v, want %v", c.path, err, c.want)
		}
		m, _ := resp.Data.(map[string]any)
		if resp.StatusCode != 503 || resp.Header.Get("X-Attempt") != "1" || m["msg"] != "maintenance" ||
			!strings.Contains(string(resp.Raw), `"attempt":1`) || !strings.HasPrefix(resp.ErrMsg, "request:fail ") {
			t.Errorf("%s: status %d header %v data %v raw %q ErrMsg %q; want the 503 that arrived, its data included",
				c.path, resp.StatusCode, resp.Header, resp.Data, resp.Raw, resp.ErrMsg)
		}
	}
}

// A retried answer's body is kept only when it arrived whole within the
// drain's bounds, and never past the client's response bound.
func TestRetryStopKeepsNoBodyOverTheBound(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`"` + strings.Repeat("x", 2000) + `"`))
	})
	resp, err := fastClient(client.WithMaxResponseBytes(1000)).Request(context.Background(), client.Option{URL: srv.URL})
	if !errors.Is(err, retry.ErrRetryAfter) || resp.StatusCode != 503 || resp.Data != nil || resp.Raw != nil {
		t.Fatalf("err %v status %d data %.20v raw %d bytes; want the status alone", err, resp.StatusCode, resp.Data, len(resp.Raw))
	}
}
