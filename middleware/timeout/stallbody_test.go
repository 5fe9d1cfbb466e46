package timeout_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
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

// miscounting is a one-shot body whose Read says it read n bytes, an
// impossible count (more than it was given, or negative).
type miscounting struct{ n func(p []byte) int }

func (m miscounting) Read(p []byte) (int, error) { return m.n(p), nil }
func (miscounting) Close() error                 { return nil }

// A one-shot request body whose Read reports an impossible count (more
// bytes than p holds, or fewer than none) fails the attempt with an error
// saying so, as a panicking Read does: the pump slicing its buffer by that
// count crashed the process from a goroutine no caller could recover.
func TestOneShotBodyWithAnImpossibleReadCountIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	hc := &http.Client{Transport: timeout.New(nil, timeout.WithTimeout(2*time.Second))}
	defer hc.CloseIdleConnections()
	for name, n := range map[string]func([]byte) int{
		"over":     func(p []byte) int { return len(p) + 1 },
		"negative": func([]byte) int { return -1 },
	} {
		req, _ := http.NewRequest(http.MethodPut, srv.URL, nil)
		req.Body = miscounting{n}
		req.ContentLength = -1
		_, err := hc.Do(req)
		if err == nil || !strings.Contains(err.Error(), "count") {
			t.Errorf("%s: err = %v, want the impossible count as an error", name, err)
		}
	}
}

// panicky is a one-shot body whose Read panics.
type panicky struct{}

func (panicky) Read([]byte) (int, error) { panic("reader broke") }
func (panicky) Close() error             { return nil }

// A one-shot request body whose Read panics fails the attempt with an
// error saying so; it does not crash the process from net/http's write
// loop, where no caller could recover it.
func TestOneShotBodyWhoseReadPanicsIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	hc := &http.Client{Transport: timeout.New(nil, timeout.WithTimeout(2*time.Second))}
	defer hc.CloseIdleConnections()
	req, _ := http.NewRequest(http.MethodPut, srv.URL, nil)
	req.Body = panicky{}
	req.ContentLength = -1
	_, err := hc.Do(req)
	if err == nil || !strings.Contains(err.Error(), "reader broke") {
		t.Fatalf("err = %v, want the panic as an error", err)
	}
}
