package client_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
)

// README (Option, Data): "An io.Reader is read once and buffered (up to
// WithMaxRequestBuffer, 8 MiB by default, beyond which it is streamed and
// cannot be sent twice: an attempt that would be retried ... fails the call
// with encoders.ErrNotReplayable, its answer kept on the Response)". The
// bound was held only for a bound given (WithMaxRequestBuffer(4), (10)):
// a client with no option must retry a PUT whose reader holds exactly
// 8 MiB with the same bytes, and refuse to send one byte more twice.
func TestDefaultMaxRequestBufferIsEightMiB(t *testing.T) {
	const limit = 8 << 20
	var mu sync.Mutex
	var sizes []int // the body length of each request, in order
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := io.Copy(io.Discard, r.Body)
		mu.Lock()
		sizes = append(sizes, int(n))
		first := len(sizes)%2 == 1 // each call's first request: 503, then 200
		mu.Unlock()
		if first {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	send := func(n int) (*client.Response, error, []int) {
		mu.Lock()
		sizes = nil
		mu.Unlock()
		// A reader of no type the client could replay by itself.
		body := struct{ io.Reader }{bytes.NewReader(make([]byte, n))}
		resp, err := c.Request(context.Background(), client.Option{URL: "/up", Method: http.MethodPut, Data: body,
			RetryTimes: 1, Timeout: time.Minute})
		mu.Lock()
		defer mu.Unlock()
		return resp, err, append([]int(nil), sizes...)
	}

	resp, err, got := send(limit)
	if err != nil || resp.StatusCode != http.StatusOK || len(got) != 2 || got[0] != limit || got[1] != limit {
		t.Errorf("8 MiB: err %v, status %d, bodies %v; want the 503 retried with the same 8 MiB, then 200", err, resp.StatusCode, got)
	}
	resp, err, got = send(limit + 1)
	if !errors.Is(err, encoders.ErrNotReplayable) || resp.StatusCode != http.StatusServiceUnavailable || len(got) != 1 || got[0] != limit+1 {
		t.Errorf("8 MiB + 1: err %v, status %d, bodies %v; want one request, then ErrNotReplayable with the 503 kept", err, resp.StatusCode, got)
	}
}
