package client_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// privateMe answers /login?as=<who> with a session cookie and /me with the
// session's user, cacheable for that user only.
func privateMe(t *testing.T) *faultserver.Server {
	return faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/login" {
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: r.URL.Query().Get("as"), Path: "/"})
			return
		}
		who := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		if ck, err := r.Cookie("sid"); err == nil {
			who += ck.Value
		}
		w.Header().Set("Cache-Control", "private, max-age=60")
		w.Header().Set("Vary", "Cookie")
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"user":"` + who + `"}`))
	})
}

func login(t *testing.T, c *client.Client, base, who string) {
	t.Helper()
	if _, err := c.Request(context.Background(), client.Option{URL: base + "/login?as=" + who, Credentials: client.CredentialsInclude}); err != nil {
		t.Fatal(err)
	}
}

func TestHTTPCacheKeysOnJarCookies(t *testing.T) {
	srv := privateMe(t)
	c := client.New(client.WithHTTPCache())
	me := client.Option{URL: srv.URL + "/me", Credentials: client.CredentialsInclude}
	login(t, c, srv.URL, "alice")
	if got := user(c.Request(context.Background(), me)); got != "alice" {
		t.Fatalf("alice got %q", got)
	}
	resp, err := c.Request(context.Background(), me)
	if got := user(resp, err); got != "alice" || !resp.FromCache {
		t.Fatalf("alice again: %q from cache %v", got, resp.FromCache)
	}
	login(t, c, srv.URL, "bob") // the jar's session is now bob's
	resp, err = c.Request(context.Background(), me)
	if got := user(resp, err); got != "bob" || resp.FromCache {
		t.Fatalf("after the session changed: %q, from cache %v", got, resp.FromCache)
	}
}

func TestHTTPCacheSharedStorageTwoJars(t *testing.T) {
	srv := privateMe(t)
	shared := store.NewMemory()
	key := []byte("one key for every replica")
	newReplica := func() *client.Client {
		return client.New(client.WithHTTPCache(httpcache.WithStorage(shared)), client.WithPartitionKey(key))
	}
	one, two := newReplica(), newReplica()
	me := client.Option{URL: srv.URL + "/me", Credentials: client.CredentialsInclude}
	login(t, one, srv.URL, "alice")
	login(t, two, srv.URL, "bob")
	if got := user(one.Request(context.Background(), me)); got != "alice" {
		t.Fatalf("replica one: %q", got)
	}
	resp, err := two.Request(context.Background(), me)
	if got := user(resp, err); got != "bob" || resp.FromCache {
		t.Fatalf("replica two (bob) got %q, from cache %v", got, resp.FromCache)
	}
	// The same user on both replicas shares the entry: the partition key
	// is one.
	three := newReplica()
	login(t, three, srv.URL, "alice")
	resp, err = three.Request(context.Background(), me)
	if got := user(resp, err); got != "alice" || !resp.FromCache {
		t.Fatalf("alice on replica three: %q, from cache %v", got, resp.FromCache)
	}
}

func TestHTTPCacheKeysHoldNoSecret(t *testing.T) {
	srv := privateMe(t)
	keys := &keySpy{Store: store.NewMemory()}
	c := client.New(client.WithHTTPCache(httpcache.WithStorage(keys)))
	u := strings.Replace(srv.URL, "http://", "http://alice:pw-secret@", 1) + "/me?access_token=tok-secret"
	for range 2 {
		if _, err := c.Request(context.Background(), client.Option{URL: u, Header: http.Header{"Authorization": {"Bearer bearer-secret"}}}); err != nil {
			t.Fatal(err)
		}
	}
	if len(keys.seen) < 2 {
		t.Fatalf("the storage saw %d keys", len(keys.seen))
	}
	for _, k := range keys.seen {
		for _, secret := range []string{"alice", "pw-secret", "tok-secret", "bearer-secret"} {
			if strings.Contains(k, secret) {
				t.Errorf("key %q holds %q", k, secret)
			}
		}
	}
}
