package httpcache_test

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

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// closeCounter is a response body that counts its Close calls.
type closeCounter struct {
	io.Reader
	closes atomic.Int64
}

func (c *closeCounter) Close() error { c.closes.Add(1); return nil }

// swrResponse is a small cacheable answer, stale 10 s after it is stored
// and then served at once for 30 s while a background revalidation runs.
func swrResponse(r *http.Request, body string) *http.Response {
	return &http.Response{StatusCode: 200, Request: r, ContentLength: int64(len(body)),
		Header: http.Header{"Cache-Control": {"max-age=10, stale-while-revalidate=30"}},
		Body:   io.NopCloser(strings.NewReader(body))}
}

// TestBackgroundRevalidationPanicGoesToErrorHandler: a panic below the
// cache during a stale-while-revalidate background revalidation has no
// caller to be raised in (flight.go, background): it reaches the
// WithErrorHandler callback, with its value and stack, and the process
// lives on. Without the recover in safely the test binary dies; without
// the hand-off the handler sees nothing.
func TestBackgroundRevalidationPanicGoesToErrorHandler(t *testing.T) {
	clk := newClock()
	var n atomic.Int64
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		if n.Add(1) == 2 {
			panic("boom in the background")
		}
		return swrResponse(r, "v1"), nil
	})
	var mu sync.Mutex
	var seen []error
	tr := httpcache.New(base, httpcache.WithClock(clk.Now), httpcache.WithErrorHandler(func(err error) {
		mu.Lock()
		seen = append(seen, err)
		mu.Unlock()
	}))
	hc := &http.Client{Transport: tr}
	const url = "http://stub.test/swr"
	if b, _ := get(t, hc, url); b != "v1" {
		t.Fatalf("first GET: %q", b)
	}
	clk.Add(20 * time.Second) // stale, within stale-while-revalidate
	if b, _ := get(t, hc, url); b != "v1" {
		t.Fatalf("stale GET: %q, want the stale v1 at once", b)
	}
	tr.Wait()
	if got := n.Load(); got != 2 {
		t.Fatalf("%d upstream requests, want 2 (the first and the background revalidation)", got)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 1 {
		t.Fatalf("error handler got %d errors (%v), want the one panic", len(seen), seen)
	}
	msg := seen[0].Error()
	if !strings.Contains(msg, "boom in the background") || !strings.Contains(msg, "goroutine") {
		t.Fatalf("error handler got %q, want the panic's value and stack", msg)
	}
}

// TestBigBodyNobodyTookIsClosed: a response over the body bound is not
// buffered and goes whole to one waiter; when no waiter takes it, the
// cache closes it (flight.go, flights.leave: "closes a big body nobody
// took"), so its connection is not leaked. Two ways to get there: a
// background revalidation (nobody waits for it at all), and a coalesced
// exchange whose every caller left before it ended.
func TestBigBodyNobodyTookIsClosed(t *testing.T) {
	big := strings.Repeat("x", 1000)

	t.Run("background revalidation", func(t *testing.T) {
		clk := newClock()
		var n atomic.Int64
		body := &closeCounter{Reader: strings.NewReader(big)}
		base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			if n.Add(1) == 1 {
				return swrResponse(r, "small"), nil
			}
			return &http.Response{StatusCode: 200, Request: r, ContentLength: -1,
				Header: http.Header{"Cache-Control": {"max-age=60"}}, Body: body}, nil
		})
		tr := httpcache.New(base, httpcache.WithClock(clk.Now), httpcache.WithMaxBodyBytes(100))
		hc := &http.Client{Transport: tr}
		const url = "http://stub.test/big"
		get(t, hc, url)
		clk.Add(20 * time.Second)
		if b, _ := get(t, hc, url); b != "small" {
			t.Fatalf("stale GET: %q", b)
		}
		tr.Wait()
		if n.Load() != 2 {
			t.Fatalf("%d upstream requests, want 2", n.Load())
		}
		if c := body.closes.Load(); c != 1 {
			t.Fatalf("the big body of the background revalidation was closed %d times, want 1", c)
		}
	})

	t.Run("every caller left", func(t *testing.T) {
		release, releaseNow := gate(t)
		entered := make(chan struct{})
		body := &closeCounter{Reader: strings.NewReader(big)}
		returned := make(chan struct{})
		base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			defer close(returned)
			close(entered)
			<-release // answers after the caller is gone, whatever its context says
			return &http.Response{StatusCode: 200, Request: r, ContentLength: -1,
				Header: http.Header{"Cache-Control": {"max-age=60"}}, Body: body}, nil
		})
		tr := httpcache.New(base, httpcache.WithMaxBodyBytes(100))
		ctx, cancel := context.WithCancel(context.Background())
		errc := make(chan error, 1)
		go func() {
			req, _ := http.NewRequestWithContext(ctx, "GET", "http://stub.test/left", nil)
			resp, err := tr.RoundTrip(req)
			if resp != nil {
				resp.Body.Close()
			}
			errc <- err
		}()
		<-entered
		cancel()
		if err := <-errc; !errors.Is(err, context.Canceled) {
			t.Fatalf("caller: %v, want context.Canceled", err)
		}
		releaseNow()
		<-returned
		waitFor(t, func() bool { return body.closes.Load() > 0 })
		time.Sleep(10 * time.Millisecond) // a second Close would come now
		if c := body.closes.Load(); c != 1 {
			t.Fatalf("the big body nobody took was closed %d times, want 1", c)
		}
	})
}

// TestBackgroundRevalidationIsBounded: the README says a
// stale-while-revalidate revalidation, which outlives the call that
// started it, is bounded by one minute: its request carries a deadline at
// most a minute away, so a stalled origin cannot hold its goroutine longer.
func TestBackgroundRevalidationIsBounded(t *testing.T) {
	clk := newClock()
	var n atomic.Int64
	var bg time.Duration // how far away the background request's deadline was
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		if n.Add(1) == 2 {
			dl, ok := r.Context().Deadline()
			if !ok {
				bg = -1
			} else {
				bg = time.Until(dl)
			}
		}
		return swrResponse(r, "v1"), nil
	})
	tr := httpcache.New(base, httpcache.WithClock(clk.Now))
	hc := &http.Client{Transport: tr}
	const url = "http://stub.test/swr-bound"
	get(t, hc, url)
	clk.Add(20 * time.Second) // stale, within stale-while-revalidate
	get(t, hc, url)
	tr.Wait()
	if n.Load() != 2 {
		t.Fatalf("%d upstream requests, want 2", n.Load())
	}
	if bg <= 0 || bg > time.Minute {
		t.Fatalf("the background revalidation's deadline was %v away, want at most a minute", bg)
	}
}

// Transport.Wait while POSTs went on crashed the process ("sync:
// WaitGroup is reused before previous Wait has returned"): each POST's
// invalidation adds to what Wait waits for, from zero, as Wait returns.
// Wait now returns once none is running, whatever starts meanwhile.
func TestWaitWhileUnsafeRequestsGoOn(t *testing.T) {
	tr := httpcache.New(middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody, Header: http.Header{}, Request: r}, nil
	}))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stop := time.Now().Add(300 * time.Millisecond)
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(stop) {
				req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://origin.test/doc", nil)
				if resp, err := tr.RoundTrip(req); err == nil {
					resp.Body.Close()
				}
			}
		}()
	}
	for time.Now().Before(stop) {
		tr.Wait()
	}
	wg.Wait()
	tr.Wait()
}
