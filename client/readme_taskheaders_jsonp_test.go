package client_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// README (Composing middleware): OnHeadersReceived listeners hear each
// URL's answer, not an attempt retried for its status (a 5xx, a 429). A
// JSONP call reads and checks every attempt's answer (AttemptCheck), which
// announced each retried 503 (or 404) before its check failed: the
// listener heard 503, 503, 200 where a call without JSONP hears 200 alone.
// Found against go-httpbin's /status/503 with JSONP.
func TestReadmeTaskListenersHearNoRetriedJSONPAttempt(t *testing.T) {
	var srv *recorder
	var always503 bool
	failWith := http.StatusServiceUnavailable
	var mu sync.Mutex
	srv = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-N", fmt.Sprint(srv.count.Load()))
		mu.Lock()
		fail := always503 || srv.count.Load() < 3
		mu.Unlock()
		if fail {
			w.WriteHeader(failWith)
			return
		}
		w.Header().Set("Content-Type", "application/javascript")
		fmt.Fprintf(w, `%s({"v":"1"});`, r.URL.Query().Get("callback"))
	})
	gate := make(chan struct{}, 1)
	hold := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			<-gate
			return next.RoundTrip(r)
		})
	}
	c := client.New(fastRetry, client.WithOuterLayers(hold))
	hear := func() ([]string, error) {
		var hmu sync.Mutex
		var heard []string
		task := c.Go(context.Background(), client.Option{URL: srv.URL, JSONP: true, JSONPCallback: "cb", RetryTimes: 2})
		task.OnHeadersReceived(func(h client.Headers) {
			hmu.Lock()
			heard = append(heard, fmt.Sprint(h.StatusCode, " ", h.Header.Get("X-N")))
			hmu.Unlock()
		})
		gate <- struct{}{}
		_, err := task.Wait()
		hmu.Lock()
		defer hmu.Unlock()
		return heard, err
	}
	heard, err := hear()
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(heard); got != "[200 3]" {
		t.Errorf("after two retried 503s the listener heard %s, want only [200 3]", got)
	}

	// Every attempt a 503: the URL's answer, the last, is heard once.
	mu.Lock()
	always503 = true
	mu.Unlock()
	heard, err = hear()
	if err == nil {
		t.Fatal("three 503s to a JSONP call: no error")
	}
	if got := fmt.Sprint(heard); got != "[503 6]" {
		t.Errorf("three 503s: the listener heard %s, want the last alone, [503 6]", got)
	}

	// A 404, which a script load fails on as on a 503 (jsonp-retry tries
	// again), is retried for its status too: heard once it stands.
	mu.Lock()
	always503, failWith = false, http.StatusNotFound
	mu.Unlock()
	srv.count.Store(0)
	heard, err = hear()
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(heard); got != "[200 3]" {
		t.Errorf("after two retried 404s the listener heard %s, want only [200 3]", got)
	}
}
