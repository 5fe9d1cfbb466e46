package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
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
