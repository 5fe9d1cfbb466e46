package client_test

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A JSONP call's HTTP cache entry holds the unwrapped payload (README,
// JSONP), not what the origin sent: a plain GET of the same URL is not
// served it, and a JSONP call is not served a plain call's entry, whose
// body was never checked nor unwrapped. Each kind is still served its own.
func TestHTTPCacheKeepsJSONPAndPlainAnswersApart(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Content-Type", "application/javascript")
		w.Write([]byte(r.URL.Query().Get("callback") + `({"a":1})`))
	})
	for _, jsonpFirst := range []bool{true, false} {
		c := client.New(client.WithHTTPCache())
		path := "/j?first=plain"
		if jsonpFirst {
			path = "/j?first=jsonp"
		}
		jsonp := client.Option{URL: srv.URL + path, JSONPCallback: "cb", JSONPCache: true}
		plain := client.Option{URL: srv.URL + path + "&callback=cb", DataType: "text"}
		calls := []client.Option{plain, jsonp, plain, jsonp}
		if jsonpFirst {
			calls = []client.Option{jsonp, plain, jsonp, plain}
		}
		before := srv.count.Load()
		for i, opt := range calls {
			resp, err := c.Request(context.Background(), opt)
			if err != nil {
				t.Fatalf("jsonpFirst %v, call %d: %v", jsonpFirst, i, err)
			}
			if resp.URL != srv.URL+path+"&callback=cb" {
				t.Fatalf("call %d went to %s: not the same URL", i, resp.URL)
			}
			if fromCache := i >= 2; resp.FromCache != fromCache {
				t.Errorf("jsonpFirst %v, call %d: FromCache %v, want %v", jsonpFirst, i, resp.FromCache, fromCache)
			}
			if opt.JSONPCallback != "" {
				if m, ok := resp.Data.(map[string]any); !ok || m["a"] != 1.0 {
					t.Errorf("jsonpFirst %v, call %d (JSONP): Data %#v, want the unwrapped {a:1}", jsonpFirst, i, resp.Data)
				}
			} else if resp.Data != `cb({"a":1})` {
				t.Errorf("jsonpFirst %v, call %d (plain): Data %#v, want what the origin sent, cb({\"a\":1})", jsonpFirst, i, resp.Data)
			}
		}
		if n := srv.count.Load() - before; n != 2 {
			t.Errorf("jsonpFirst %v: the origin got %d requests, want 2 (one of each kind)", jsonpFirst, n)
		}
	}
}

// Concurrent misses of the two kinds are not coalesced into one exchange:
// its body would be the JSONP payload for both, or the unchecked call for
// both.
func TestHTTPCacheDoesNotCoalesceJSONPWithPlain(t *testing.T) {
	var arrived atomic.Int32
	both := make(chan struct{})
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if arrived.Add(1) == 2 {
			close(both)
		}
		select { // the first waits for the second, if it comes
		case <-both:
		case <-time.After(300 * time.Millisecond):
		}
		w.Header().Set("Content-Type", "application/javascript")
		w.Write([]byte(r.URL.Query().Get("callback") + `({"a":1})`))
	})
	c := client.New(client.WithHTTPCache())
	var wg sync.WaitGroup
	var plainData, jsonpData any
	wg.Add(2)
	go func() {
		defer wg.Done()
		resp, _ := c.Request(context.Background(), client.Option{URL: srv.URL + "/j?callback=cb", DataType: "text"})
		plainData = resp.Data
	}()
	go func() {
		defer wg.Done()
		resp, _ := c.Request(context.Background(), client.Option{URL: srv.URL + "/j", JSONPCallback: "cb", JSONPCache: true})
		jsonpData = resp.Data
	}()
	wg.Wait()
	if m, ok := jsonpData.(map[string]any); plainData != `cb({"a":1})` || !ok || m["a"] != 1.0 || srv.count.Load() != 2 {
		t.Errorf("plain Data %#v, JSONP Data %#v, %d requests; want cb({\"a\":1}), {a:1} and two", plainData, jsonpData, srv.count.Load())
	}
}
