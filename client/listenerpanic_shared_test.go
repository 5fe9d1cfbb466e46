package client_test

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A Task's OnHeadersReceived listener runs inside the HTTP cache's shared
// exchange when its Task started it. A listener that panics after its Task
// was aborted must not raise its panic in another caller that waits on the
// same exchange (another user's Request): that caller gets its answer.
func TestListenerPanicDoesNotReachAnotherCaller(t *testing.T) {
	release := make(chan struct{})
	var hits atomic.Int32
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			<-release
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "max-age=60")
		fmt.Fprint(w, `{"v":"1"}`)
	})
	c := client.New(client.WithBaseURL(srv.URL), client.WithHTTPCache())
	defer c.CloseIdleConnections()
	ctx := context.Background()
	registered := make(chan struct{})
	task := c.Go(ctx, client.Option{URL: "/shared"})
	task.OnHeadersReceived(func(client.Headers) {
		<-registered
		task.Abort()
		<-task.Done() // the Task has ended: the exchange goes on for the other caller
		panic("the first caller's listener failed")
	})
	close(registered)
	time.Sleep(50 * time.Millisecond) // the Task's exchange is under way
	var recovered any
	var resp *client.Response
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() { recovered = recover() }()
		cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		resp, err = c.Request(cctx, client.Option{URL: "/shared"})
	}()
	time.Sleep(50 * time.Millisecond) // the other caller waits on the same exchange
	close(release)
	<-done
	if recovered != nil {
		t.Fatalf("another caller got the first caller's listener's panic: %v", recovered)
	}
	if err != nil || resp.Data.(map[string]any)["v"] != "1" {
		t.Fatalf("the other caller: %v %v", resp.Data, err)
	}
	if _, err := task.Wait(); err == nil {
		t.Fatal("the aborted Task succeeded")
	}
	if n := hits.Load(); n != 1 {
		t.Fatalf("%d exchanges, want the two callers on one", n)
	}
}
