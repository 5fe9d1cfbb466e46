package client_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// README (Composing middleware): Task.Abort ends the call until its answer
// has been read and checked, with request:fail abort: also once the headers
// have arrived and the body is still coming (where Taro H5's abort does
// nothing), with no retry of the aborted attempt.
func TestReadmeAbortAfterTheHeaders(t *testing.T) {
	registered := make(chan struct{})
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		<-registered
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(200)
		w.Write([]byte(`{"a":`))
		flush(w)
		select { // the rest of the body comes late, or never
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	task := client.New().Go(context.Background(), client.Option{URL: srv.URL, Timeout: 10 * time.Second})
	headers := make(chan struct{})
	task.OnHeadersReceived(func(client.Headers) { close(headers) })
	close(registered)
	select {
	case <-headers:
	case <-time.After(3 * time.Second):
		t.Fatal("no headers")
	}
	start := time.Now()
	task.Abort()
	resp, err := task.Wait()
	if d := time.Since(start); d > time.Second {
		t.Errorf("abort took %v", d)
	}
	if !errors.Is(err, client.ErrAbort) || resp.ErrMsg != "request:fail abort" {
		t.Fatalf("err %v ErrMsg %q, want ErrAbort and request:fail abort", err, resp.ErrMsg)
	}
	if n := srv.count.Load(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}
