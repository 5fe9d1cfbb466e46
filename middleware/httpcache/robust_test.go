package httpcache_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// A response over the body bound, under coalescing, is fetched once: one
// waiter gets it whole, every other one the same clear error.
func TestTooLargeUnderCoalescingFetchedOnce(t *testing.T) {
	release, releaseNow := gate(t)
	big := strings.Repeat("x", 10_000)
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		<-release
		w.Header().Set("Cache-Control", "max-age=60")
		w.Write([]byte(big))
	})
	var entered atomic.Int64
	hc := &http.Client{Transport: entering(httpcache.New(o.Client().Transport, httpcache.WithMaxBodyBytes(1000)), &entered)}
	const n = 5
	bodies, errs := concurrentMisses(t, hc, o.URL, n, &entered, releaseNow)
	whole, refused := 0, 0
	for i := range bodies {
		switch {
		case errs[i] == nil && bodies[i] == big:
			whole++
		case errors.Is(errs[i], httpcache.ErrTooLargeToShare) && errors.Is(errs[i], middleware.ErrTooLarge):
			refused++
		default:
			t.Errorf("caller %d: %d bytes, %v", i, len(bodies[i]), errs[i])
		}
	}
	if whole != 1 || refused != n-1 {
		t.Errorf("%d callers got the body whole and %d ErrTooLargeToShare; want 1 and %d", whole, refused, n-1)
	}
	wantHits(t, o, 1)
}

// hangingOrigin answers nothing until its request is cancelled (or the test
// ends), and reports each cancellation.
func hangingOrigin(t *testing.T) (*origin, <-chan time.Time) {
	ended := make(chan time.Time, 10)
	release, releaseNow := gate(t)
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
			ended <- time.Now()
		case <-release:
		}
	})
	t.Cleanup(releaseNow) // runs before o.Close: a hung handler cannot block it
	return o, ended
}

// The coalesced exchange ends when its last waiter is gone: it does not
// read on without anyone (forever, with no timeout below), and a later
// request starts afresh instead of joining the abandoned exchange.
func TestAbandonedExchangeEnds(t *testing.T) {
	o, ended := hangingOrigin(t)
	var entered atomic.Int64
	hc := &http.Client{Transport: entering(httpcache.New(o.Client().Transport), &entered)}
	ctx, cancel := context.WithCancel(context.Background())
	errs := make(chan error, 2)
	for i := 0; i < 2; i++ {
		go func() {
			req, _ := http.NewRequestWithContext(ctx, "GET", o.URL, nil)
			_, err := hc.Do(req)
			errs <- err
		}()
	}
	waitFor(t, func() bool { return entered.Load() == 2 && o.hits.Load() == 1 })
	time.Sleep(20 * time.Millisecond) // the second one joins the flight
	cancel()
	for i := 0; i < 2; i++ {
		if err := <-errs; !errors.Is(err, context.Canceled) {
			t.Fatalf("caller: %v, want context.Canceled", err)
		}
	}
	select {
	case <-ended:
	case <-time.After(2 * time.Second):
		t.Fatal("the upstream exchange went on after every caller had left")
	}
	// A new request is a new exchange.
	ctx2, cancel2 := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel2()
	req, _ := http.NewRequestWithContext(ctx2, "GET", o.URL, nil)
	if _, err := hc.Do(req); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("later request: %v, want its own deadline", err)
	}
	wantHits(t, o, 2)
}

// The exchange lives as long as the longest waiter's deadline, no longer
// and no shorter.
func TestExchangeBoundedByLongestDeadline(t *testing.T) {
	o, ended := hangingOrigin(t)
	var entered atomic.Int64
	hc := &http.Client{Transport: entering(httpcache.New(o.Client().Transport), &entered)}
	start := time.Now()
	errs := make(chan error, 2)
	for _, d := range []time.Duration{100 * time.Millisecond, 400 * time.Millisecond} {
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), d)
			defer cancel()
			req, _ := http.NewRequestWithContext(ctx, "GET", o.URL, nil)
			_, err := hc.Do(req)
			errs <- err
		}()
	}
	for i := 0; i < 2; i++ {
		if err := <-errs; !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("caller: %v, want its deadline", err)
		}
	}
	select {
	case at := <-ended:
		if took := at.Sub(start); took < 350*time.Millisecond {
			t.Fatalf("the exchange ended after %v, before the longest deadline (400ms)", took)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("the upstream exchange outlived every deadline")
	}
	wantHits(t, o, 1)
}
