package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A DataCheck judging the HTTP cache's answer was handed a Response with
// FromCache false, then the caller got the same answer with FromCache
// true: a check that treats the cache's data apart (a stale entry served
// when the origin failed, which a backup may mend) could not tell it. It
// sees what the caller sees, as it does FromStore; the network's answer,
// and the store's data, are not the cache's. Found with go-httpbin's
// /cache/60 under WithHTTPCache.
func TestDataCheckSeesFromCache(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Cache-Control", "max-age=600")
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"v":1}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL), client.WithHTTPCache())
	for i, want := range []bool{false, true, true} {
		var seen []bool
		resp, err := c.Request(context.Background(), client.Option{URL: "/doc", DataCheck: func(r *client.Response) bool {
			seen = append(seen, r.FromCache)
			return true
		}})
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
		if resp.FromCache != want || len(seen) != 1 || seen[0] != want {
			t.Errorf("call %d: the check saw FromCache %v, the caller %v; want %v for both", i, seen, resp.FromCache, want)
		}
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("origin saw %d requests, want 1", n)
	}
}
