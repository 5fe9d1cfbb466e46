package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
)

// A stale-while-revalidate answer ends the Task at once; the background
// revalidation is not the Task's request: its listeners must not hear of
// it after the Task is done.
func TestBackgroundRevalidationTellsAFinishedTaskNothing(t *testing.T) {
	var n atomic.Int32
	srv := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=0, stale-while-revalidate=60")
		w.Header().Set("Content-Type", "application/json")
		if n.Add(1) > 1 {
			time.Sleep(200 * time.Millisecond)
			w.Header().Set("X-Gen", "2")
			w.WriteHeader(503)
			return
		}
		io.WriteString(w, `{"v":1}`)
	})
	c := fastClient(client.WithHTTPCache())
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	opt := client.Option{URL: srv.URL + "/swr", RetryTimes: client.NoRetry}
	if _, err := c.Request(ctx, opt); err != nil {
		t.Fatal(err)
	}
	var calls, late atomic.Int32
	var done atomic.Bool
	task := c.Go(ctx, opt)
	task.OnHeadersReceived(func(h client.Headers) {
		calls.Add(1)
		if done.Load() {
			late.Add(1)
			t.Logf("late listener call: status %d X-Gen %q", h.StatusCode, h.Header.Get("X-Gen"))
		}
	})
	resp, err := task.Wait()
	done.Store(true)
	attempts := resp.Attempts
	if err != nil || !resp.FromCache {
		t.Fatalf("want the stale answer at once: %+v %v", resp, err)
	}
	time.Sleep(500 * time.Millisecond) // the background revalidation ends
	t.Logf("attempts at return %d, listener calls %d, late %d, server %d", attempts, calls.Load(), late.Load(), n.Load())
	if late.Load() != 0 {
		t.Fatalf("the Task's OnHeadersReceived listener ran %d time(s) after the Task was done, for the cache's background revalidation", late.Load())
	}
}

// The leader of a coalesced miss is aborted; the follower gets the answer,
// and the aborted Task hears nothing after it is done.
func TestAnAbortedLeadersTaskHearsNothingOfTheSharedExchange(t *testing.T) {
	srv := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond)
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"v":1}`)
	})
	c := fastClient(client.WithHTTPCache())
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	opt := client.Option{URL: srv.URL + "/c"}
	var done atomic.Bool
	var late atomic.Int32
	leader := c.Go(ctx, opt)
	leader.OnHeadersReceived(func(h client.Headers) {
		if done.Load() {
			late.Add(1)
		}
	})
	time.Sleep(50 * time.Millisecond)
	follower := c.Go(ctx, opt)
	time.Sleep(50 * time.Millisecond)
	leader.Abort()
	_, lerr := leader.Wait()
	done.Store(true)
	fr, ferr := follower.Wait()
	t.Logf("leader err %v; follower %d %v err %v; server %d; late %d", lerr, fr.StatusCode, fr.Data, ferr, srv.Count(), late.Load())
	if !errors.Is(lerr, client.ErrAbort) || ferr != nil || fr.StatusCode != 200 || srv.Count() != 1 {
		t.Fatal("coalescing")
	}
	if late.Load() != 0 {
		t.Fatalf("aborted Task's OnHeadersReceived ran %d time(s) after it was done", late.Load())
	}
}
