package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// With the HTTP cache, identical requests share one exchange, run on a
// goroutine of its own, where the first caller's header listeners are
// called. A listener that ends that goroutine (runtime.Goexit, a test's
// t.FailNow) must not leave the exchange's waiters waiting for ever: its
// Task ends as it would without the cache, and the other caller, whose
// request it is not, gets its own answer.
func TestTaskListenerExitingASharedExchangeHangsNoOne(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"a":1}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL), client.WithHTTPCache())

	registered := make(chan struct{})
	var calls atomic.Int32
	c.AddInterceptor(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		if calls.Add(1) == 1 {
			<-registered // the Task's listener is in place before any answer
		}
		return proceed(ctx, opt)
	})
	task := c.Go(context.Background(), client.Option{URL: "/x"})
	task.OnHeadersReceived(func(client.Headers) { runtime.Goexit() })
	close(registered)
	time.Sleep(20 * time.Millisecond) // the Task's exchange is under way

	type answer struct {
		resp *client.Response
		err  error
	}
	other := make(chan answer, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		resp, err := c.Request(ctx, client.Option{URL: "/x"})
		other <- answer{resp, err}
	}()
	time.Sleep(20 * time.Millisecond) // it joined the exchange
	close(release)

	select {
	case <-task.Done():
		if resp, err := task.Wait(); err == nil || resp == nil {
			t.Errorf("Task: %v, %v; want a failure", resp, err)
		}
	case <-time.After(2 * time.Second):
		t.Error("the Task never ended: its exchange's waiters wait for ever")
		task.Abort()
		<-task.Done()
	}
	if a := <-other; a.err != nil || a.resp.StatusCode != http.StatusOK {
		t.Errorf("the other caller: %v, %v; want its own 200", a.resp.ErrMsg, a.err)
	}
}
