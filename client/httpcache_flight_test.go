package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// A caller does not join another's exchange run under other settings: B,
// with a 200 ms timeout and no retry, fails in about that time even while
// A, without a timeout, waits on the same stalled origin.
func TestHTTPCacheJoinKeepsOwnTimeout(t *testing.T) {
	release := make(chan struct{})
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	c := client.New(client.WithHTTPCache())
	defer c.CloseIdleConnections()
	ctxA, cancelA := context.WithTimeout(context.Background(), 10*time.Second)
	doneA := make(chan struct{})
	go func() {
		defer close(doneA)
		_, _ = c.Request(ctxA, client.Option{URL: srv.URL + "/slow", Timeout: -1})
	}()
	defer func() { cancelA(); <-doneA }()
	for hits.Load() == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	ctxB, cancelB := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancelB()
	start := time.Now()
	_, err := c.Request(ctxB, client.Option{URL: srv.URL + "/slow", Timeout: 200 * time.Millisecond,
		RetryTimes: client.NoRetry})
	if took := time.Since(start); err == nil || took > 2*time.Second {
		t.Errorf("B (Timeout 200ms, no retry) returned after %v: %v", took, err)
	}
}

// A cross-origin hop, whose credentials the client strips, and a direct
// call to the same URL, which keeps what a layer sets, never share one
// exchange: each gets the answer to its own request.
func TestHTTPCacheJoinKeepsCredentialRules(t *testing.T) {
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond)
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write([]byte(`{"auth":"` + r.Header.Get("Authorization") + `"}`))
	}))
	defer b.Close()
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, b.URL+"/data", http.StatusFound)
	}))
	defer a.Close()
	setAuth := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			r = r.Clone(r.Context())
			r.Header.Set("Authorization", "Bearer layer")
			return next.RoundTrip(r)
		})
	}
	c := client.New(client.WithHTTPCache(), client.WithInnerLayers(setAuth))
	defer c.CloseIdleConnections()
	var wg sync.WaitGroup
	var hop, direct *client.Response
	var errHop, errDirect error
	wg.Add(2)
	go func() {
		defer wg.Done()
		hop, errHop = c.Request(context.Background(), client.Option{URL: a.URL + "/start", Mode: client.ModeCORS})
	}()
	time.Sleep(100 * time.Millisecond)
	go func() {
		defer wg.Done()
		direct, errDirect = c.Request(context.Background(), client.Option{URL: b.URL + "/data", Mode: client.ModeCORS})
	}()
	wg.Wait()
	if errHop != nil || errDirect != nil {
		t.Fatal(errHop, errDirect)
	}
	if string(hop.Raw) != `{"auth":""}` || string(direct.Raw) != `{"auth":"Bearer layer"}` {
		t.Errorf("hop got %s, direct call got %s", hop.Raw, direct.Raw)
	}
}
