package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

func TestTaskAbort(t *testing.T) {
	cancelled := make(chan struct{})
	arrived := make(chan struct{})
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		select {
		case <-r.Context().Done():
			close(cancelled)
		case <-time.After(5 * time.Second):
		}
	})
	var fails atomic.Int32
	task := client.New().Go(context.Background(), client.Option{URL: srv.URL, Timeout: 10 * time.Second,
		Fail: func(*client.Response, error) { fails.Add(1) }})
	<-arrived
	start := time.Now()
	task.Abort()
	resp, err := task.Wait()
	if d := time.Since(start); d > 2*time.Second { // unheard: the server's 5 s
		t.Errorf("abort took %v", d)
	}
	if !errors.Is(err, client.ErrAbort) || resp.ErrMsg != "request:fail abort" {
		t.Fatalf("err %v ErrMsg %q", err, resp.ErrMsg)
	}
	select {
	case <-cancelled:
	case <-time.After(time.Second):
		t.Error("server did not see the cancellation")
	}
	if fails.Load() != 1 {
		t.Errorf("Fail called %d times", fails.Load())
	}
	task.Abort() // after the end: no effect, no panic
	<-task.Done()
}

func TestHeadersReceivedBeforeBody(t *testing.T) {
	release := make(chan struct{})
	registered := make(chan struct{})
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		<-registered
		w.Header().Set("X-Early", "yes")
		w.WriteHeader(200)
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-time.After(3 * time.Second):
		}
		_, _ = w.Write([]byte(`{"late":true}`))
	})
	c := client.New()
	task := c.Go(context.Background(), client.Option{URL: srv.URL})
	got := make(chan client.Headers, 1)
	var offCalls atomic.Int32
	task.OnHeadersReceived(func(h client.Headers) {
		got <- h
		close(release) // the body is written only after the listener ran
	})
	off := task.OnHeadersReceived(func(client.Headers) { offCalls.Add(1) })
	task.OffHeadersReceived(off)
	close(registered)
	resp, err := task.Wait()
	if err != nil {
		t.Fatal(err)
	}
	h := <-got
	if h.StatusCode != 200 || h.Header.Get("X-Early") != "yes" {
		t.Errorf("headers %+v", h)
	}
	if offCalls.Load() != 0 {
		t.Error("removed listener was called")
	}
	if m, _ := resp.Data.(map[string]any); m["late"] != true {
		t.Errorf("Data %v", resp.Data)
	}
}

// An Abort while the answer is being checked comes before the call's end:
// the task fails with ErrAbort, Fail and Complete are called, not Success.
func TestAbortWhileDataCheckRuns(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{}`)) }))
	defer srv.Close()
	entered, aborted := make(chan struct{}), make(chan struct{})
	var got []string
	task := client.New().Go(context.Background(), client.Option{URL: srv.URL,
		DataCheck: func(*client.Response) bool { close(entered); <-aborted; return true },
		Success:   func(*client.Response) { got = append(got, "success") },
		Fail:      func(*client.Response, error) { got = append(got, "fail") },
		Complete:  func(*client.Response, error) { got = append(got, "complete") }})
	<-entered
	task.Abort()
	close(aborted)
	resp, err := task.Wait()
	if !errors.Is(err, client.ErrAbort) || resp.ErrMsg != "request:fail abort" || fmt.Sprint(got) != "[fail complete]" {
		t.Fatalf("err %v, ErrMsg %q, callbacks %v; want ErrAbort, request:fail abort, [fail complete]", err, resp.ErrMsg, got)
	}
}
