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

// entered counts requests that reached the cache layer.
func entering(rt http.RoundTripper, n *atomic.Int64) http.RoundTripper {
	return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		n.Add(1)
		return rt.RoundTrip(r)
	})
}

// gate returns a channel that handlers block on and the function that
// opens it, which also runs at cleanup so a failing test never hangs.
func gate(t *testing.T) (<-chan struct{}, func()) {
	ch := make(chan struct{})
	var once sync.Once
	open := func() { once.Do(func() { close(ch) }) }
	t.Cleanup(open)
	return ch, open
}

// waitFor polls cond for up to 5 s.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in 5s")
		}
	}
}

func TestConcurrentMissesCoalesce(t *testing.T) {
	release, releaseNow := gate(t)
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		<-release
		w.Header().Set("Cache-Control", "max-age=60")
		w.Write([]byte("shared"))
	})
	var entered atomic.Int64
	hc := &http.Client{Transport: entering(httpcache.New(o.Client().Transport), &entered)}
	const n = 100
	bodies, errs := concurrentMisses(t, hc, o.URL, n, &entered, releaseNow)
	for i := range bodies {
		if errs[i] != nil || bodies[i] != "shared" {
			t.Fatalf("caller %d: %q, %v", i, bodies[i], errs[i])
		}
	}
	t.Logf("%d concurrent identical misses → %d upstream request(s)", n, o.hits.Load())
	wantHits(t, o, 1)
}

// concurrentMisses sends n identical GETs at once, waits until every one
// has entered the cache, lets the last ones join the flight, opens the
// origin and returns each caller's body and error.
func concurrentMisses(t *testing.T, hc *http.Client, url string, n int, entered *atomic.Int64, release func()) ([]string, []error) {
	t.Helper()
	var wg sync.WaitGroup
	bodies := make([]string, n)
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := hc.Get(url)
			if err != nil {
				errs[i] = err
				return
			}
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			bodies[i], errs[i] = string(b), err
		}()
	}
	waitFor(t, func() bool { return entered.Load() == int64(n) })
	time.Sleep(50 * time.Millisecond) // let the last ones join the flight
	release()
	wg.Wait()
	return bodies, errs
}

func TestOneCallerCancellingDoesNotFailOthers(t *testing.T) {
	release, releaseNow := gate(t)
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		<-release
		w.Header().Set("Cache-Control", "max-age=60")
		w.Write([]byte("done"))
	})
	var entered atomic.Int64
	hc := &http.Client{Transport: entering(httpcache.New(o.Client().Transport), &entered)}

	ctx, cancel := context.WithCancel(context.Background())
	firstErr := make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(ctx, "GET", o.URL, nil)
		resp, err := hc.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		firstErr <- err
	}()
	waitFor(t, func() bool { return o.hits.Load() == 1 })
	second := make(chan string, 1)
	go func() {
		resp, err := hc.Get(o.URL)
		if err != nil {
			second <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		second <- string(b)
	}()
	waitFor(t, func() bool { return entered.Load() == 2 })
	time.Sleep(20 * time.Millisecond)
	cancel()
	if err := <-firstErr; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled caller: %v, want context.Canceled", err)
	}
	releaseNow()
	if b := <-second; b != "done" {
		t.Fatalf("second caller got %q, want done", b)
	}
	wantHits(t, o, 1)
}

// TestBrokenBodyUnderCoalescingSaysItBroke: when the body of a coalesced
// exchange breaks before the end (not over the bound), the waiters' error
// still matches ErrTooLargeToShare and the read's error, as documented, but
// its text says the body broke, not that it was too large or that another
// caller got it whole.
func TestBrokenBodyUnderCoalescingSaysItBroke(t *testing.T) {
	release, releaseNow := gate(t)
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		<-release
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Content-Length", "10000")
		w.Write([]byte(strings.Repeat("x", 100))) // then the handler returns: cut short
	})
	var entered atomic.Int64
	hc := &http.Client{Transport: entering(httpcache.New(o.Client().Transport), &entered)}
	const n = 4
	_, errs := concurrentMisses(t, hc, o.URL, n, &entered, releaseNow)
	told := 0
	for i, err := range errs {
		if err == nil {
			t.Errorf("caller %d: no error for a body cut short", i)
			continue
		}
		if !errors.Is(err, httpcache.ErrTooLargeToShare) {
			continue // the caller that took the body: its read's own error
		}
		told++
		if !errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "too large") ||
			strings.Contains(err.Error(), "got it whole") || !strings.Contains(err.Error(), "broke before the end") {
			t.Errorf("caller %d: %v; want it to say the body broke, matching io.ErrUnexpectedEOF", i, err)
		}
	}
	if told != n-1 {
		t.Errorf("%d waiters told the exchange could not be shared, want %d", told, n-1)
	}
}
