package client_test

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

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// closeRecorder is a pipe's reader that says when it is closed.
type closeRecorder struct {
	*io.PipeReader
	once   sync.Once
	closed chan struct{}
}

func (r *closeRecorder) Close() error {
	r.once.Do(func() { close(r.closed) })
	return r.PipeReader.Close()
}

// An io.Reader body too large to buffer (WithMaxRequestBuffer) is streamed.
// When it stalls midway, the attempt's Timeout and the caller's ctx must
// still end the call, and the reader must be closed (README: "a reader that
// gives nothing for Timeout, or past the ctx, fails the call and is
// closed").
func TestStreamedReaderBodyThatStallsEndsAtTheTimeout(t *testing.T) {
	s := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		io.WriteString(w, `{}`)
	})
	c := client.New(client.WithBaseURL(s.URL), client.WithMaxRequestBuffer(10))
	pr, pw := io.Pipe()
	body := &closeRecorder{PipeReader: pr, closed: make(chan struct{})}
	closed := body.closed
	go pw.Write([]byte(strings.Repeat("x", 100))) // past the bound: streamed; then nothing more
	t.Cleanup(func() { pw.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	done := make(chan error, 1)
	start := time.Now()
	go func() {
		_, err := c.Request(ctx, client.Option{URL: "/x", Method: "PUT", Data: body, Timeout: 300 * time.Millisecond})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("no error")
		}
		t.Logf("returned after %v: %v", time.Since(start), err)
		if time.Since(start) > 1500*time.Millisecond {
			t.Errorf("returned after %v, past Timeout 300ms and ctx 1s", time.Since(start))
		}
	case <-time.After(3 * time.Second):
		pw.Close() // let the request goroutine end
		<-done
		t.Fatalf("Request still blocked 3s later: Timeout (300ms) and the ctx deadline (1s) did not end it")
	}
	select {
	case <-closed:
	case <-time.After(500 * time.Millisecond):
		t.Errorf("the reader was not closed")
	}
}

func TestStreamedReaderBodyThatStallsEndsAtAbort(t *testing.T) {
	// A Timeout of -1: only the abort can end it.
	s := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) { io.Copy(io.Discard, r.Body) })
	c := client.New(client.WithBaseURL(s.URL), client.WithMaxRequestBuffer(10))
	pr, pw := io.Pipe()
	body := &closeRecorder{PipeReader: pr, closed: make(chan struct{})}
	go pw.Write([]byte(strings.Repeat("x", 100)))
	t.Cleanup(func() { pw.Close() })
	task := c.Go(context.Background(), client.Option{URL: "/x", Method: "PUT", Data: body, Timeout: -1})
	time.Sleep(200 * time.Millisecond)
	task.Abort()
	select {
	case <-task.Done():
	case <-time.After(2 * time.Second):
		pw.Close()
		<-task.Done()
		t.Fatal("Task.Abort did not end the task within 2s")
	}
	select {
	case <-body.closed:
	case <-time.After(500 * time.Millisecond):
		t.Error("the reader was not closed")
	}
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
		rd := layertest.NewStuckReader(64)
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
			close(rd.Release)
			<-done
			rd.Release = nil
			t.Errorf("%s: the call outlived its end by seconds: the stalled reader held it", tc.name)
		}
		cancel()
		if rd.Release != nil {
			close(rd.Release) // the Read under way returns: no goroutine left
		}
	}
}
