package timeout_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/timeout"
)

// A request body that can be read once and stalls (a pipe whose writer is
// stuck) ends with the attempt's deadline, or with the caller's cancel
// when there is none, in a plain http.Client too: net/http waits for its
// write loop, which waits in the body's Read, until the body is closed.
func TestStalledOneShotBodyEndsTheAttempt(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
	}))
	defer srv.Close()
	for _, c := range []struct {
		name    string
		timeout time.Duration
		cancel  time.Duration
		want    error
	}{
		{"deadline", 150 * time.Millisecond, 0, timeout.ErrExceeded},
		{"cancel without deadline", -1, 150 * time.Millisecond, context.Canceled},
	} {
		t.Run(c.name, func(t *testing.T) {
			hc := &http.Client{Transport: timeout.New(nil, timeout.WithTimeout(c.timeout))}
			defer hc.CloseIdleConnections()
			pr, pw := io.Pipe()
			defer pw.Close()
			go func() { _, _ = pw.Write(make([]byte, 64)) }() // then nothing
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if c.cancel > 0 {
				time.AfterFunc(c.cancel, cancel)
			}
			req, _ := http.NewRequestWithContext(ctx, http.MethodPut, srv.URL, pr)
			done := make(chan error, 1)
			start := time.Now()
			go func() {
				resp, err := hc.Do(req)
				if err == nil {
					resp.Body.Close()
				}
				done <- err
			}()
			select {
			case err := <-done:
				if !errors.Is(err, c.want) {
					t.Fatalf("err = %v, want %v", err, c.want)
				}
				if el := time.Since(start); el > 2*time.Second {
					t.Fatalf("ended after %v", el)
				}
			case <-time.After(5 * time.Second):
				pw.Close()
				<-done
				t.Fatal("the round trip outlived its end by seconds: the stalled body held it")
			}
		})
	}
}
