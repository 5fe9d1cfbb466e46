package redisstore_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/plugins/redisstore"
)

// TestTwoUsersTwoReplicasNeverShare: two replicas on one Redis with one
// partition key share a user's entry, and never answer one user with
// another's; no Redis key holds a credential or a URL secret.
func TestTwoUsersTwoReplicasNeverShare(t *testing.T) {
	srv, rdb1 := newRedis(t)
	rdb2 := newClient(t, srv)
	var n atomic.Int64
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"version":"v1","user":"`+strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")+`"}`)
	}))
	t.Cleanup(api.Close)
	key := []byte("replicas share this key")
	one := client.New(client.WithStore(redisstore.New(rdb1)), client.WithPartitionKey(key))
	two := client.New(client.WithStore(redisstore.New(rdb2)), client.WithPartitionKey(key))
	u := strings.Replace(api.URL, "http://", "http://svc:pw-secret@", 1) + "/me?access_token=tok-secret"
	opt := func(who string) client.Option {
		return client.Option{URL: u, UseStore: true, StoreCheckKey: "version", StoreSign: "v1",
			Header: http.Header{"Authorization": {"Bearer " + who}}}
	}
	userOf := func(r *client.Response, err error) string {
		if err != nil {
			t.Fatal(err)
		}
		return r.Data.(map[string]any)["user"].(string)
	}
	if got := userOf(one.Request(ctx, opt("alice"))); got != "alice" {
		t.Fatalf("alice on one: %q", got)
	}
	r, err := two.Request(ctx, opt("bob"))
	if got := userOf(r, err); got != "bob" || r.FromStore {
		t.Fatalf("bob on two: %q, from store %v", got, r.FromStore)
	}
	r, err = two.Request(ctx, opt("alice"))
	if got := userOf(r, err); got != "alice" || !r.FromStore {
		t.Fatalf("alice on two: %q, from store %v", got, r.FromStore)
	}
	if n.Load() != 2 {
		t.Fatalf("server saw %d requests, want 2", n.Load())
	}
	keys, err := rdb1.Keys(ctx, "*").Result()
	if err != nil || len(keys) != 2 {
		t.Fatalf("redis keys %q, %v", keys, err)
	}
	for _, k := range keys {
		for _, secret := range []string{"svc", "pw-secret", "tok-secret", "alice", "bob"} {
			if strings.Contains(k, secret) {
				t.Errorf("redis key %q holds %q", k, secret)
			}
		}
	}
}
