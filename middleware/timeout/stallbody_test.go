package timeout_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// A request body that can be read once and stalls (a pipe whose writer is
// stuck, a reader whose Close cannot unblock it) ends with the attempt's
// deadline, or with the caller's cancel when there is none, in a plain
// http.Client too: net/http waits for its write loop, which waits in the
// body's Read. A deadline met so is the body's (ErrBodyStalled).
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
		stuck   bool // a layertest.StuckReader, not a pipe
	}{
		{"deadline", 150 * time.Millisecond, 0, middleware.ErrBodyStalled, false},
		{"cancel without deadline", -1, 150 * time.Millisecond, context.Canceled, false},
		{"deadline, Close cannot unblock", 150 * time.Millisecond, 0, middleware.ErrBodyStalled, true},
		{"cancel, Close cannot unblock", -1, 150 * time.Millisecond, context.Canceled, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			hc := &http.Client{Transport: timeout.New(nil, timeout.WithTimeout(c.timeout))}
			defer hc.CloseIdleConnections()
			var body io.Reader
			var release func()
			if c.stuck {
				sr := layertest.NewStuckReader(64)
				body, release = sr, func() { close(sr.Release) }
			} else {
				pr, pw := io.Pipe()
				go func() { _, _ = pw.Write(make([]byte, 64)) }() // then nothing
				body, release = pr, func() { pw.Close() }
			}
			release = sync.OnceFunc(release)
			defer release()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if c.cancel > 0 {
				time.AfterFunc(c.cancel, cancel)
			}
			req, _ := http.NewRequestWithContext(ctx, http.MethodPut, srv.URL, body)
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
				release()
				<-done
				t.Fatal("the round trip outlived its end by seconds: the stalled body held it")
			}
		})
	}
}
