package client_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// within runs f and fails the test if it has not returned after d: a
// deadlock fails instead of hanging.
func within(t *testing.T, d time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("still blocked after %v: deadlock", d)
	}
}

// reentrantServer answers /json?u=X with {"u":"X","v":"1"} (cacheable), /sse
// with one event then the end, anything else with a 200 text body.
func reentrantServer(t *testing.T) *recorder {
	return newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/sse"):
			sseHeader(w)
			io.WriteString(w, "retry: 10\ndata: ev-"+r.URL.Query().Get("u")+"\n\n")
		case strings.HasPrefix(r.URL.Path, "/json"):
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Cache-Control", "max-age=60")
			fmt.Fprintf(w, `{"u":%q,"v":"1"}`, r.URL.Query().Get("u"))
		default:
			io.WriteString(w, "plain-"+r.URL.Query().Get("u"))
		}
	})
}

// Every callback may send on the client it is a callback of: Request, Go
// and Wait, Do, Events, interceptors added and removed, idle connections
// closed. Each callback runs once, and nothing deadlocks.
func TestCallbacksReenterTheClient(t *testing.T) {
	srv := reentrantServer(t)
	c := client.New(client.WithBaseURL(srv.URL), client.WithHTTPCache())
	defer c.CloseIdleConnections()
	ctx := context.Background()
	var nested atomic.Int32
	reenter := func(tag string) {
		if r, err := c.Request(ctx, client.Option{URL: "/json?u=" + tag, UseStore: true, StoreCheckKey: "v", StoreSign: "1"}); err != nil || r.Data.(map[string]any)["u"] != tag {
			t.Errorf("%s: Request: %v %v", tag, r.Data, err)
		}
		if r, err := c.Go(ctx, client.Option{URL: "/p?u=" + tag, DataType: "text"}).Wait(); err != nil || r.Data != "plain-"+tag {
			t.Errorf("%s: Go: %v %v", tag, r.Data, err)
		}
		if r, err := client.Do[struct{ U string }](ctx, c, client.Option{URL: "/json?u=" + tag}); err != nil || r.Value.U != tag {
			t.Errorf("%s: Do: %+v %v", tag, r, err)
		}
		n := 0
		for ev, err := range c.Events(ctx, client.Option{URL: "/sse?u=" + tag, RetryTimes: client.NoRetry}) {
			if err != nil {
				break
			}
			if ev.Data != "ev-"+tag {
				t.Errorf("%s: event %q", tag, ev.Data)
			}
			n++
			break
		}
		if n != 1 {
			t.Errorf("%s: %d events", tag, n)
		}
		c.CloseIdleConnections()
		nested.Add(1)
	}
	var calls [8]atomic.Int32
	opt := func(i int) client.Option {
		return client.Option{URL: fmt.Sprintf("/json?u=outer%d", i), UseStore: true,
			DataCheck:  func(*client.Response) bool { calls[0].Add(1); reenter("dc"); return true },
			StoreCheck: func(*client.Response) bool { calls[1].Add(1); reenter("sc"); return false },
			Success:    func(*client.Response) { calls[2].Add(1); reenter("ok") },
			Fail:       func(*client.Response, error) { calls[3].Add(1) },
			Complete:   func(*client.Response, error) { calls[4].Add(1); reenter("done") },
		}
	}
	c.AddInterceptor(func(ctx context.Context, o client.Option, proceed client.Proceed) (*client.Response, error) {
		if strings.Contains(o.URL, "outer") {
			calls[5].Add(1)
			reenter("icpt")
			c.AddInterceptor(func(ctx context.Context, o client.Option, p client.Proceed) (*client.Response, error) {
				return p(ctx, o)
			})
		}
		return proceed(ctx, o)
	})
	within(t, 10*time.Second, func() {
		// First call: a miss (the store is empty, StoreCheck not asked).
		if _, err := c.Request(ctx, opt(0)); err != nil {
			t.Errorf("outer: %v", err)
		}
		// Second call: stored, StoreCheck asked.
		if _, err := c.Request(ctx, opt(0)); err != nil {
			t.Errorf("outer again: %v", err)
		}
	})
	want := [8]int32{2, 1, 2, 0, 2, 2}
	for i := range want {
		if calls[i].Load() != want[i] {
			t.Errorf("callback %d called %d times, want %d", i, calls[i].Load(), want[i])
		}
	}
	c.CleanInterceptors()
	t.Logf("%d nested rounds", nested.Load())
}

// A Task's own listeners may act on the Task and the client: Abort it,
// remove themselves, add listeners, start other requests, add or clean
// interceptors.
func TestTaskListenersReenter(t *testing.T) {
	srv := reentrantServer(t)
	c := client.New(client.WithBaseURL(srv.URL), client.WithHTTPCache())
	defer c.CloseIdleConnections()
	ctx := context.Background()
	within(t, 10*time.Second, func() {
		// Abort from the headers listener: the body is not read, the task
		// fails with abort, Fail and Complete once.
		var fail, ok, complete atomic.Int32
		var heard atomic.Int32
		other := make(chan *client.Task, 1)
		listen := func(task *client.Task) {
			var id int
			id = task.OnHeadersReceived(func(client.Headers) {
				heard.Add(1)
				task.OffHeadersReceived(id)
				task.OnHeadersReceived(func(client.Headers) {})
				c.AddInterceptor(func(ctx context.Context, o client.Option, p client.Proceed) (*client.Response, error) {
					return p(ctx, o)
				})
				c.CleanInterceptors()
				c.CloseIdleConnections()
				// The same key: it may join the exchange this listener runs
				// in, so it is waited for after the listener (which must not
				// block) has returned.
				other <- c.Go(ctx, client.Option{URL: "/json?u=abort"})
				task.Abort()
			})
		}
		task := c.Go(ctx, client.Option{URL: "/json?u=abort",
			Success:  func(*client.Response) { ok.Add(1) },
			Fail:     func(*client.Response, error) { fail.Add(1) },
			Complete: func(*client.Response, error) { complete.Add(1) }}, listen)
		resp, err := task.Wait()
		if r, err := (<-other).Wait(); err != nil || r.Data.(map[string]any)["u"] != "abort" {
			t.Errorf("other task: %v %v", r.Data, err)
		}
		if err == nil || resp.ErrMsg != "request:fail abort" {
			t.Errorf("aborted from its listener: %q %v", resp.ErrMsg, err)
		}
		if heard.Load() != 1 || fail.Load() != 1 || ok.Load() != 0 || complete.Load() != 1 {
			t.Errorf("heard %d, fail %d, success %d, complete %d", heard.Load(), fail.Load(), ok.Load(), complete.Load())
		}
	})
	within(t, 10*time.Second, func() {
		// Abort, Off and On from a chunk listener.
		var chunks atomic.Int32
		task := c.Go(ctx, client.Option{URL: "/sse?u=chunk", EnableChunked: true, Timeout: time.Second}, func(task *client.Task) {
			var id int
			id = task.OnChunkReceived(func([]byte) {
				chunks.Add(1)
				task.OffChunkReceived(id)
				task.OnChunkReceived(func([]byte) {})
				task.Abort()
			})
		})
		_, err := task.Wait()
		if chunks.Load() != 1 {
			t.Errorf("chunk listener called %d times (err %v)", chunks.Load(), err)
		}
	})
}
