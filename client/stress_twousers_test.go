package client_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/breaker"
)

// Two users share one client from several goroutines each, mixing every
// kind of call: store hits and misses, the HTTP cache with coalesced
// misses, Tasks aborted at random points, streams closed early, event
// streams that reconnect, and an origin whose circuit opens and closes.
// Each user only ever gets their own data, every call runs its callbacks
// exactly once (one of Success/Fail, then Complete), nothing deadlocks,
// and no goroutine is left once the client's connections are closed. Run it
// with -race.
func TestStressTwoUsersOneClient(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	userOf := func(r *http.Request) string {
		return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	}
	api := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		u := userOf(r)
		switch r.URL.Path {
		case "/data":
			time.Sleep(time.Duration(rand.IntN(3)) * time.Millisecond) // misses overlap: coalesced
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Cache-Control", "max-age=1")
			fmt.Fprintf(w, `{"user":%q,"k":%q,"v":"1"}`, u, r.URL.Query().Get("k"))
		case "/stream":
			for i := 0; i < 50; i++ {
				if _, err := fmt.Fprintf(w, "%s-%d\n", u, i); err != nil {
					return
				}
				flush(w)
				time.Sleep(time.Millisecond)
			}
		case "/sse":
			sseHeader(w)
			id := r.Header.Get("Last-Event-ID")
			fmt.Fprintf(w, "retry: 5\nid: %s+\ndata: %s\n\n", id, u)
		}
	})
	var down atomic.Bool
	flaky := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintf(w, `{"user":%q}`, userOf(r))
	})
	c := client.New(client.WithBaseURL(api.URL), client.WithHTTPCache(),
		client.WithBreaker(breaker.WithThreshold(3), breaker.WithOpenTimeout(30*time.Millisecond)))

	stop := make(chan struct{})
	var flips sync.WaitGroup
	flips.Add(1)
	go func() { // the flaky origin goes down and up again
		defer flips.Done()
		for {
			select {
			case <-stop:
				return
			case <-time.After(15 * time.Millisecond):
				down.Store(!down.Load())
			}
		}
	}()

	var opened, calls, flaky200, flaky503, cached atomic.Int32
	worker := func(user string, seed uint64) {
		rng := rand.New(rand.NewPCG(seed, 7))
		hdr := http.Header{"Authorization": {"Bearer " + user}}
		for i := 0; i < 75; i++ {
			var okN, failN, doneN atomic.Int32
			cb := func(o client.Option) client.Option {
				o.Header = hdr
				o.Success = func(*client.Response) { okN.Add(1) }
				o.Fail = func(*client.Response, error) { failN.Add(1) }
				o.Complete = func(*client.Response, error) { doneN.Add(1) }
				return o
			}
			mine := func(what string, data any) {
				m, _ := data.(map[string]any)
				if m["user"] != user {
					t.Errorf("%s: %s got %v", what, user, data)
				}
			}
			k := fmt.Sprint(rng.IntN(4))
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			switch op := min(rng.IntN(8), 5); op {
			case 0: // the store, then the HTTP cache
				r, err := c.Request(ctx, cb(client.Option{URL: "/data?k=" + k, UseStore: true, StoreCheckKey: "v", StoreSign: "1"}))
				if err != nil {
					t.Errorf("store call: %v", err)
				} else {
					mine("store", r.Data)
				}
			case 1: // a Task aborted at a random point
				task := c.Go(ctx, cb(client.Option{URL: "/data?k=" + k}))
				time.Sleep(time.Duration(rng.IntN(2000)) * time.Microsecond)
				task.Abort()
				if r, err := task.Wait(); err == nil {
					mine("task", r.Data)
				} else if !errors.Is(err, client.ErrAbort) {
					t.Errorf("aborted task: %v", err)
				}
			case 2: // typed, through the cache
				type data struct{ User string }
				r, err := client.Do[data](ctx, c, cb(client.Option{URL: "/data?k=" + k}))
				if err != nil || r.Value.User != user {
					t.Errorf("Do: %s got %+v %v", user, r, err)
				}
			case 3: // a stream closed early
				r, err := c.Request(ctx, cb(client.Option{URL: "/stream", EnableChunked: true, Timeout: time.Second}))
				if err != nil {
					t.Errorf("stream: %v", err)
					break
				}
				buf := make([]byte, len(user)+1+rng.IntN(40))
				n, _ := io.ReadFull(r.Body, buf)
				if !strings.HasPrefix(string(buf[:n]), user+"-") {
					t.Errorf("stream: %s got %q", user, buf[:n])
				}
				r.Body.Close()
			case 4: // an event stream that reconnects
				n := 0
				for ev, err := range c.Events(ctx, cb(client.Option{URL: "/sse"})) {
					if err != nil {
						t.Errorf("events: %v", err)
						break
					}
					if ev.Data != user {
						t.Errorf("event: %s got %q", user, ev.Data)
					}
					if n++; n == 3 {
						break
					}
				}
			default: // the circuit of another origin opens and closes (a third of the calls)
				o := client.Option{URL: flaky.URL + "/x", Mode: client.ModeCORS, RetryTimes: client.NoRetry}
				if rng.IntN(2) == 0 {
					o.Cache = client.CacheNoStore // no stale entry answers for the open circuit
				}
				r, err := c.Request(ctx, cb(o))
				switch {
				case errors.Is(err, breaker.ErrOpen):
					opened.Add(1)
				case err == nil && r.StatusCode == 200:
					mine("flaky", r.Data)
					flaky200.Add(1)
					if r.FromCache {
						cached.Add(1)
					}
				case err == nil && r.StatusCode == 503:
					flaky503.Add(1)
				default:
					t.Errorf("flaky: %v %v", r.StatusCode, err)
				}
			}
			cancel()
			calls.Add(1)
			if okN.Load()+failN.Load() != 1 || doneN.Load() != 1 {
				t.Errorf("%s op %d: success %d, fail %d, complete %d", user, i, okN.Load(), failN.Load(), doneN.Load())
			}
		}
	}
	var wg sync.WaitGroup
	for i, u := range []string{"alice", "alice", "bob", "bob"} {
		wg.Add(1)
		go func() { defer wg.Done(); worker(u, uint64(i)) }()
	}
	within(t, 60*time.Second, wg.Wait)
	close(stop)
	flips.Wait()
	c.CloseIdleConnections()
	api.Close()
	flaky.Close()
	t.Logf("%d calls; the flaky origin: %d ok (%d from the cache), %d 503, %d refused by an open circuit; %d + %d requests reached the servers",
		calls.Load(), flaky200.Load(), cached.Load(), flaky503.Load(), opened.Load(), api.count.Load(), flaky.count.Load())
}
