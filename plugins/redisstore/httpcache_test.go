package redisstore_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/plugins/redisstore"
)

// The HTTP cache's storage is a store.Store too: two replicas share it, and
// a POST on one invalidates the entry for both.
func TestTwoReplicasShareTheHTTPCache(t *testing.T) {
	srv, rdb1 := newRedis(t)
	rdb2 := newClient(t, srv)
	var hits atomic.Int64
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "max-age=600")
		io.WriteString(w, `{"method":"`+r.Method+`"}`)
	}))
	defer api.Close()
	replica := func(st *redisstore.Store) *client.Client {
		return client.New(client.WithHTTPCache(httpcache.WithStorage(st)))
	}
	one := replica(redisstore.New(rdb1, redisstore.WithPrefix("hc:")))
	two := replica(redisstore.New(rdb2, redisstore.WithPrefix("hc:")))
	opt := client.Option{URL: api.URL + "/conf"}

	if r, err := one.Request(ctx, opt); err != nil || r.FromCache {
		t.Fatalf("replica one: %+v %v", r, err)
	}
	r, err := two.Request(ctx, opt)
	if err != nil || !r.FromCache || r.Attempts != 0 || r.Data.(map[string]any)["method"] != "GET" {
		t.Fatalf("replica two: %+v %v", r, err)
	}
	if n := hits.Load(); n != 1 {
		t.Fatalf("server saw %d requests, want 1", n)
	}
	if _, err := two.Request(ctx, client.Option{URL: api.URL + "/conf", Method: "POST"}); err != nil {
		t.Fatal(err)
	}
	if r, _ = one.Request(ctx, opt); r.FromCache {
		t.Fatal("replica one served an entry replica two's POST invalidated")
	}
	if n := hits.Load(); n != 3 {
		t.Fatalf("server saw %d requests, want 3", n)
	}
	if keys := rdb1.Keys(ctx, "hc:*").Val(); len(keys) == 0 {
		t.Fatal("no keys under the hc: prefix")
	}
}
