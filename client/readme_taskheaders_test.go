package client_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/store"
)

// README (Composing middleware): OnHeadersReceived listeners get the status
// and header of each URL's answer, not of an attempt that was retried, and
// the store's answer the caller gets.
func TestReadmeTaskListenersHearNoRetriedAttempt(t *testing.T) {
	var srv *recorder
	srv = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-N", fmt.Sprint(srv.count.Load()))
		if srv.count.Load() < 3 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"v":"1"}`))
	})
	// A gate above the store holds each call until its listener is on.
	gate := make(chan struct{}, 1)
	hold := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			<-gate
			return next.RoundTrip(r)
		})
	}
	c := client.New(fastRetry, client.WithStore(store.NewMemory()), client.WithOuterLayers(hold))
	hear := func(opt client.Option) []string {
		var mu sync.Mutex
		var heard []string
		opt.URL = srv.URL
		task := c.Go(context.Background(), opt)
		task.OnHeadersReceived(func(h client.Headers) {
			mu.Lock()
			heard = append(heard, fmt.Sprint(h.StatusCode, " ", h.Header.Get("X-N")))
			mu.Unlock()
		})
		gate <- struct{}{}
		if _, err := task.Wait(); err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		defer mu.Unlock()
		return heard
	}
	opt := client.Option{UseStore: true, StoreCheckKey: "v", StoreSign: "1", RetryTimes: 2}
	if got := fmt.Sprint(hear(opt)); got != "[200 3]" {
		t.Errorf("after two retried 503s the listener heard %s, want only [200 3]", got)
	}
	if got := fmt.Sprint(hear(opt)); got != "[200 3]" || srv.count.Load() != 3 {
		t.Errorf("a store hit: the listener heard %s (%d requests), want the stored [200 3] and no request", got, srv.count.Load())
	}
}
