package redisstore_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"

	"github.com/redis/go-redis/v9"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/store"
	"github.com/taroreq/taroreq/plugins/redisstore"
)

// The store of every replica on one Redis. Here the Redis is down (nothing
// listens at its address): the request still works, the store is skipped
// and its error reported.
func Example() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, `{"version":"v1"}`)
	}))
	defer srv.Close()
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	down := ln.Addr().String()
	ln.Close()

	rdb := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{down}, ContextTimeoutEnabled: true, MaxRetries: -1})
	defer rdb.Close()
	reported := 0
	c := client.New(
		client.WithStore(redisstore.New(rdb), store.WithErrorHandler(func(error) { reported++ })),
		client.WithPartitionKey([]byte("one key for every replica")),
	)
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, UseStore: true,
		StoreCheckKey: "version", StoreSign: "v1"})
	fmt.Println(resp.StatusCode, resp.Data, err, "store errors reported:", reported > 0)
	// Output: 200 map[version:v1] <nil> store errors reported: true
}
