package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/taroreq/taroreq/client"
)

// Listeners a setup of Go registers hear every header and chunk, even of an
// answer that comes at once (a store hit), as Taro's registered right after
// request() do: registered after Go returns, they may hear nothing of it.
func TestGoSetupListenersHearEveryAnswer(t *testing.T) {
	full := strings.Repeat("0123456789", 500)
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Gen", "1")
		io.WriteString(w, `{"id":"7","pad":"`+full+`"}`)
	})
	c := client.New()
	opt := client.Option{URL: srv.URL, UseStore: true, StoreCheck: func(*client.Response) bool { return true }}
	if _, err := c.Request(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	// The request waits for its setups: a caller slow to register (here by
	// 20 ms, which a store hit never waits for) still hears the answer.
	var late atomic.Int32
	task := c.Go(context.Background(), opt, func(task *client.Task) {
		time.Sleep(20 * time.Millisecond)
		task.OnHeadersReceived(func(client.Headers) { late.Add(1) })
	})
	if _, err := task.Wait(); err != nil || late.Load() != 1 {
		t.Fatalf("err %v; the listener a slow setup registered heard %d answers, want 1", err, late.Load())
	}
	for i := range 200 {
		var heard []string
		var mu sync.Mutex
		var chunked strings.Builder
		headers := func(h client.Headers) { mu.Lock(); heard = append(heard, h.Header.Get("X-Gen")); mu.Unlock() }
		task := c.Go(context.Background(), opt, func(task *client.Task) { task.OnHeadersReceived(headers) })
		resp, err := task.Wait()
		if err != nil || !resp.FromStore || len(heard) != 1 || heard[0] != "1" {
			t.Fatalf("call %d: err %v, from store %v; the listener heard %q, want [1]", i, err, resp.FromStore, heard)
		}
		chunkOpt := opt
		chunkOpt.UseStore, chunkOpt.EnableChunked = false, true
		task = c.Go(context.Background(), chunkOpt, nil, func(task *client.Task) {
			task.OnChunkReceived(func(b []byte) { mu.Lock(); chunked.Write(b); mu.Unlock() })
		})
		if _, err := task.Wait(); err != nil || !strings.HasSuffix(chunked.String(), full+`"}`) || !strings.HasPrefix(chunked.String(), `{"id"`) {
			t.Fatalf("chunked call %d: err %v, the listener got %d bytes", i, err, chunked.Len())
		}
	}
}

// A setup that aborts the Task ends its call before anything is sent; one
// that panics leaves it unstarted, with nothing sent and no goroutine left,
// and the panic reaches Go's caller.
func TestGoSetupAbortOrPanicSendsNothing(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "x") })
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent()) // the server's own stay
	c := client.New()
	defer c.CloseIdleConnections()
	var fail, complete atomic.Int32
	opt := client.Option{URL: srv.URL,
		Fail:     func(*client.Response, error) { fail.Add(1) },
		Complete: func(*client.Response, error) { complete.Add(1) }}
	resp, err := c.Go(context.Background(), opt, (*client.Task).Abort).Wait()
	if !errors.Is(err, client.ErrAbort) || resp.ErrMsg != "request:fail abort" || fail.Load() != 1 || complete.Load() != 1 {
		t.Fatalf("aborted in its setup: %q %v, Fail %d Complete %d", resp.ErrMsg, err, fail.Load(), complete.Load())
	}
	var task *client.Task
	func() {
		defer func() {
			if r := recover(); r != "setup failed" {
				t.Errorf("recovered %v, want the setup's panic", r)
			}
		}()
		c.Go(context.Background(), opt, func(tk *client.Task) { task = tk; panic("setup failed") })
	}()
	select {
	case <-task.Done():
	default:
		t.Fatal("the unstarted Task is not done")
	}
	if resp, err := task.Wait(); err == nil || !strings.Contains(resp.ErrMsg, "not started") {
		t.Fatalf("the unstarted Task: %q %v", resp.ErrMsg, err)
	}
	if n := srv.count.Load(); n != 0 || fail.Load() != 1 || complete.Load() != 1 {
		t.Fatalf("the server got %d requests; Fail %d, Complete %d after the panic, want 0, 1, 1", n, fail.Load(), complete.Load())
	}
}
