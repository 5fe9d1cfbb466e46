package client_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

type lockedWriter struct {
	mu *sync.Mutex
	b  *strings.Builder
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

// The store's stale fallback and the HTTP cache's stale answer when every
// origin is down: each user gets their own, never the other's.
func TestReadmeEndToEndStaleFallbackPerUser(t *testing.T) {
	a, b, s, tr := e2eOrigins(t)
	c := client.New(client.WithBaseURL(a.url), client.WithTransport(tr),
		client.WithHTTPCache(), client.WithStore(store.NewMemory()))
	ctx := context.Background()
	opt := func(user string) client.Option {
		return client.Option{URL: "/me?cc=max-age=0", UseStore: true, Mode: client.ModeCORS, RetryTimes: client.NoRetry,
			Header: http.Header{"X-Api-Key": {"key-" + user + "@A"}}, Backup: []string{b.url + "/me", s.url + "/me"}}
	}
	for _, user := range []string{"alice", "bob"} {
		resp, err := c.Request(ctx, opt(user))
		if err != nil || e2eUserOf(resp) != user {
			t.Fatalf("%s: %v %v", user, err, resp.Data)
		}
	}
	a.down.Store(true)
	b.down.Store(true)
	s.down.Store(true)
	var wg sync.WaitGroup
	for _, user := range []string{"bob", "alice", "bob", "alice"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := c.Request(ctx, opt(user))
			e2eClean(t, resp, err)
			e2eOwn(t, "stale", user, resp)
			if e2eUserOf(resp) != user || !resp.FromStore {
				t.Errorf("stale: %s got %v (store %v, err %v)", user, resp.Data, resp.FromStore, err)
			}
		}()
	}
	wg.Wait()
	e2eCheckOrigins(t, a, b, s)
}

// Sessions: a client (jar) per user, as the README asks, both sharing one
// store and one HTTP cache storage under one partition key (replicas).
func TestReadmeEndToEndSessionsSharedStorage(t *testing.T) {
	a, b, s, tr := e2eOrigins(t)
	mem, cacheMem := store.NewMemory(), store.NewMemory()
	key := []byte("0123456789abcdef0123456789abcdef")
	ctx := context.Background()
	clients := map[string]*client.Client{}
	for _, user := range []string{"alice", "bob"} {
		clients[user] = client.New(client.WithBaseURL(a.url), client.WithTransport(tr),
			client.WithStore(mem), client.WithHTTPCache(httpcache.WithStorage(cacheMem)), client.WithPartitionKey(key))
		resp, err := clients[user].Request(ctx, client.Option{URL: "/login?u=" + user, Credentials: client.CredentialsInclude})
		if err != nil {
			t.Fatal(err)
		}
		e2eClean(t, resp, err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		for _, user := range []string{"alice", "bob"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c := clients[user]
				for _, o := range []client.Option{
					{URL: "/me?cc=max-age=60"},
					{URL: "/me?cc=public,max-age=60", UseStore: true, StoreCheckKey: "code", StoreSign: "0"},
					{URL: "/to?u=" + b.url + "/to?u=" + a.url + "/me", Mode: client.ModeCORS},
					{URL: s.url + "/me?cc=max-age=60", Mode: client.ModeCORS},
					{URL: "/down", Backup: []string{b.url + "/me", s.url + "/me"}, Mode: client.ModeCORS},
				} {
					o.Credentials = client.CredentialsInclude
					resp, err := c.Request(ctx, o)
					e2eClean(t, resp, err)
					e2eOwn(t, o.URL, user, resp)
					if strings.HasPrefix(o.URL, "/me") && e2eUserOf(resp) != user {
						t.Errorf("%s: %s got %v", o.URL, user, resp.Data)
					}
					raw, _ := json.Marshal(resp.Header)
					if strings.Contains(string(raw), "sess-") {
						t.Errorf("%s: session in header %s", o.URL, raw)
					}
				}
			}()
		}
	}
	wg.Wait()
	e2eCheckOrigins(t, a, b, s)
}
