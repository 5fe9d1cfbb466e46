package httpcache_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// A panic below the cache in a shared exchange that every caller had left
// (each gave up: a deadline, an abort) has no caller to be raised in, as a
// background revalidation's has none: it reaches the WithErrorHandler
// callback with its value and stack, instead of vanishing without a trace
// while the process lives on.
func TestOrphanedExchangePanicGoesToErrorHandler(t *testing.T) {
	left := make(chan struct{})
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		<-left
		panic("boom after the callers left")
	})
	var mu sync.Mutex
	var seen []error
	got := make(chan struct{}, 1)
	tr := httpcache.New(base, httpcache.WithErrorHandler(func(err error) {
		mu.Lock()
		seen = append(seen, err)
		mu.Unlock()
		got <- struct{}{}
	}))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://stub.test/orphan", nil)
	if _, err := tr.RoundTrip(req); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("caller: %v, want its deadline", err)
	}
	close(left) // the exchange, alone, now panics
	select {
	case <-got:
	case <-time.After(2 * time.Second):
		t.Fatal("the panic of the exchange nobody waited for vanished")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 1 || !strings.Contains(seen[0].Error(), "boom after the callers left") || !strings.Contains(seen[0].Error(), "goroutine") {
		t.Fatalf("error handler got %v, want the one panic with its stack", seen)
	}
}
