package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A Task with EnableChunked aborted before its body has ended (here by a
// listener of its chunk, the body already read whole from the connection:
// the rest of it comes from memory) fails with request:fail abort, as a
// buffered call aborted before its answer is read and checked does; no
// listener hears a chunk after the Abort.
func TestChunkedTaskAbortedByAChunkListenerFails(t *testing.T) {
	for _, size := range []int{10, 3 << 10, 100 << 10} { // one chunk, the retry layer's first read, several
		registered := make(chan struct{})
		srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
			<-registered // the listener is on before any byte goes out (else it may hear none)
			w.Write([]byte(strings.Repeat("x", size)))
		})
		var succ, fail, comp, late atomic.Int32
		var task *client.Task
		ready := make(chan struct{})
		task = client.New().Go(context.Background(), client.Option{URL: srv.URL, EnableChunked: true,
			Success:  func(*client.Response) { succ.Add(1) },
			Fail:     func(*client.Response, error) { fail.Add(1) },
			Complete: func(*client.Response, error) { comp.Add(1) }})
		var abortedOnce atomic.Bool
		task.OnChunkReceived(func([]byte) {
			<-ready
			if abortedOnce.Swap(true) {
				late.Add(1)
			}
			task.Abort()
		})
		close(registered)
		close(ready)
		select {
		case <-task.Done():
		case <-time.After(3 * time.Second):
			t.Fatal("the Task did not end")
		}
		resp, err := task.Wait()
		if !errors.Is(err, client.ErrAbort) || resp.ErrMsg != "request:fail abort" {
			t.Errorf("%d bytes: err %v ErrMsg %q, want ErrAbort and request:fail abort", size, err, resp.ErrMsg)
		}
		if _, ok := err.(*client.Error); !ok {
			t.Errorf("%d bytes: err %T, want *client.Error", size, err)
		}
		if succ.Load() != 0 || fail.Load() != 1 || comp.Load() != 1 {
			t.Errorf("%d bytes: Success %d Fail %d Complete %d, want 0 1 1", size, succ.Load(), fail.Load(), comp.Load())
		}
		if late.Load() != 0 {
			t.Errorf("%d bytes: %d chunk(s) heard after the Abort", size, late.Load())
		}
	}
}
