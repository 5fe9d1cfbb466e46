package client_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
)

// One Events call is one logical request: its Option's callbacks run
// exactly once (one of Success/Fail, then Complete).
func TestEventsCallbacksRunOnce(t *testing.T) {
	var n atomic.Int32
	s := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		k := n.Add(1)
		if k > 3 {
			w.WriteHeader(204)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprintf(w, "retry: 10\nid: %d\ndata: hello %d\n\n", k, k)
	})
	c := client.New(client.WithBaseURL(s.URL))
	var succ, fail, comp atomic.Int32
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	events := 0
	for _, err := range c.Events(ctx, client.Option{URL: "/sse",
		Success:  func(*client.Response) { succ.Add(1) },
		Fail:     func(*client.Response, error) { fail.Add(1) },
		Complete: func(*client.Response, error) { comp.Add(1) }}) {
		if err != nil {
			t.Fatal(err)
		}
		events++
	}
	if events != 3 {
		t.Fatalf("events=%d", events)
	}
	if succ.Load()+fail.Load() != 1 || comp.Load() != 1 {
		t.Errorf("one Events call: Success=%d Fail=%d Complete=%d, want exactly one of Success/Fail and one Complete",
			succ.Load(), fail.Load(), comp.Load())
	}
}

// An Events call that fails (the answer is not an event stream) must not
// report Success.
func TestEventsThatFailReportFail(t *testing.T) {
	s := faultserver.New(t, faultserver.Status(404, "not here"))
	c := client.New(client.WithBaseURL(s.URL))
	var succ, fail atomic.Int32
	var gotErr error
	for _, err := range c.Events(context.Background(), client.Option{URL: "/sse",
		Success: func(*client.Response) { succ.Add(1) },
		Fail:    func(*client.Response, error) { fail.Add(1) }}) {
		gotErr = err
	}
	if !errors.Is(gotErr, client.ErrNotEventStream) {
		t.Fatalf("err=%v", gotErr)
	}
	if succ.Load() != 0 || fail.Load() != 1 {
		t.Errorf("Events failed with %v but Success=%d Fail=%d", gotErr, succ.Load(), fail.Load())
	}
}

// An iter.Seq2 may be ranged more than once (it is not documented as
// single-use): each range is a whole sequence, so each must run Success
// and Complete once.
func TestEventsRangedTwiceRunsCallbacksEachTime(t *testing.T) {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	defer s.Close()
	c := client.New(client.WithBaseURL(s.URL))
	var success, complete atomic.Int32
	seq := c.Events(context.Background(), client.Option{URL: "/sse",
		Success:  func(*client.Response) { success.Add(1) },
		Complete: func(*client.Response, error) { complete.Add(1) }})
	for range 2 {
		for _, err := range seq {
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if success.Load() != 2 || complete.Load() != 2 {
		t.Fatalf("two ranges of one Events sequence ran Success %d and Complete %d times, want 2 and 2", success.Load(), complete.Load())
	}
}

// Two goroutines ranging the same sequence at once (run with -race).
func TestEventsRangedConcurrently(t *testing.T) {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	defer s.Close()
	c := client.New(client.WithBaseURL(s.URL))
	var complete atomic.Int32
	seq := c.Events(context.Background(), client.Option{URL: "/sse",
		Complete: func(*client.Response, error) { complete.Add(1) }})
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range seq {
			}
		}()
	}
	wg.Wait()
	if complete.Load() != 2 {
		t.Fatalf("Complete ran %d times for two sequences, want 2", complete.Load())
	}
}

// A loop body that panics (or calls runtime.Goexit, as t.Fatal does) has
// not broken out of the sequence: its Events call ends with Fail, then
// Complete, never Success, and the panic reaches the caller as it was.
func TestEventsLoopBodyPanicReportsFail(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		sseHeader(w)
		io.WriteString(w, "data: a\n\n")
	})
	var got []string
	var failErr error
	opt := client.Option{URL: srv.URL,
		Success:  func(*client.Response) { got = append(got, "success") },
		Fail:     func(_ *client.Response, err error) { got = append(got, "fail"); failErr = err },
		Complete: func(*client.Response, error) { got = append(got, "complete") }}
	var recovered any
	func() {
		defer func() { recovered = recover() }()
		for range client.New().Events(context.Background(), opt) {
			panic("consumer failed")
		}
	}()
	if recovered != "consumer failed" {
		t.Fatalf("recovered %v, want the loop body's panic", recovered)
	}
	if fmt.Sprint(got) != "[fail complete]" || failErr == nil {
		t.Fatalf("callbacks %v (Fail's error %v); want [fail complete] with an error", got, failErr)
	}
	t.Log(failErr)
}
