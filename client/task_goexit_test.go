package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A Task's callbacks and listeners run on its goroutine. One that ends it
// with runtime.Goexit (a test's t.FailNow in a Success) leaves the call
// unfinished; Wait still returns a non-nil Response with a failure ErrMsg
// and an *client.Error, as every call does, not nil and nil, which read as
// a success.
func TestTaskWhoseCallbackExitsTheGoroutineFails(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		for i := 0; i < 3; i++ {
			if _, err := io.WriteString(w, strings.Repeat("x", 100)); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			time.Sleep(time.Millisecond)
		}
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	exit := func() { runtime.Goexit() }
	for _, tc := range []struct {
		name  string
		opt   client.Option
		setup func(*client.Task)
	}{
		{"Success", client.Option{Success: func(*client.Response) { exit() }}, nil},
		{"Complete", client.Option{Complete: func(*client.Response, error) { exit() }}, nil},
		{"header listener", client.Option{}, func(tk *client.Task) {
			tk.OnHeadersReceived(func(client.Headers) { exit() })
		}},
		{"chunk listener", client.Option{EnableChunked: true}, func(tk *client.Task) {
			tk.OnChunkReceived(func([]byte) { exit() })
		}},
	} {
		opt := tc.opt
		opt.URL, opt.DataType = "/x", client.DataTypeText
		ready := make(chan struct{})
		c.AddInterceptor(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
			<-ready // the listeners are in place before any answer
			return proceed(ctx, opt)
		})
		task := c.Go(context.Background(), opt)
		if tc.setup != nil {
			tc.setup(task)
		}
		close(ready)
		select {
		case <-task.Done():
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: the Task never ended", tc.name)
		}
		c.CleanInterceptors()
		resp, err := task.Wait()
		if resp == nil || err == nil {
			t.Errorf("%s: Wait returned %v, %v; want a failed Response and an error", tc.name, resp, err)
			continue
		}
		if _, ok := err.(*client.Error); !ok {
			t.Errorf("%s: error %T %v, want an *client.Error", tc.name, err, err)
		}
		if !strings.HasPrefix(resp.ErrMsg, "request:fail ") {
			t.Errorf("%s: ErrMsg %q", tc.name, resp.ErrMsg)
		}
	}
}
