package client_test

import (
	"bytes"
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

// gateReader gives its bytes, then blocks until open is closed; it has no
// Close, so closing the body the client made of it cannot unblock it.
type gateReader struct {
	r    io.Reader
	open chan struct{}
}

func (g *gateReader) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err == io.EOF {
		<-g.open
	}
	return n, err
}

// An io.Reader Data longer than WithMaxRequestBuffer is streamed once; one
// that then stalls ends with the attempt's Timeout, or with the caller's
// context, even though its Close (it has none) cannot unblock it: net/http
// waited for its write loop, in the reader's Read, and the call returned
// only when the reader did.
func TestStreamedReaderBodyThatStallsEndsWithTheAttempt(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
	}))
	defer srv.Close()
	c := client.New(client.WithMaxRequestBuffer(16))
	defer c.CloseIdleConnections()
	for _, tc := range []struct {
		name    string
		timeout time.Duration
		ctx     time.Duration
		want    error
	}{
		{"timeout", 200 * time.Millisecond, 10 * time.Second, timeout.ErrExceeded},
		{"context", -1, 200 * time.Millisecond, context.DeadlineExceeded},
	} {
		rd := &gateReader{r: bytes.NewReader(make([]byte, 64)), open: make(chan struct{})}
		ctx, cancel := context.WithTimeout(context.Background(), tc.ctx)
		done := make(chan error, 1)
		start := time.Now()
		go func() {
			_, err := c.Request(ctx, client.Option{URL: srv.URL, Method: http.MethodPut, Data: rd, Timeout: tc.timeout})
			done <- err
		}()
		select {
		case err := <-done:
			if took := time.Since(start); took > 2*time.Second || !errors.Is(err, tc.want) {
				t.Errorf("%s: returned after %v with %v, want %v", tc.name, took, err, tc.want)
			}
		case <-time.After(5 * time.Second):
			close(rd.open)
			<-done
			rd.open = nil
			t.Errorf("%s: the call outlived its end by seconds: the stalled reader held it", tc.name)
		}
		cancel()
		if rd.open != nil {
			close(rd.open) // the Read under way returns: no goroutine left
		}
	}
}
