package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// Two replicas share one shared-mode HTTP cache. The origin personalises
// /me by the session cookie and says so with Vary: Cookie. The jar's Cookie
// is added below the cache (the cookie layer is innermost), so the cache
// must count the jar's cookies in the Cookie that Vary names: else alice's
// page, stored for "no Cookie" in the everyone-partition, answers bob.
func TestSharedCacheVaryCookieSeesJarCookies(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/login" {
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: r.URL.Query().Get("as"), Path: "/"})
			return
		}
		who := "anonymous"
		if ck, err := r.Cookie("sid"); err == nil {
			who = ck.Value
		}
		w.Header().Set("Cache-Control", "public, max-age=60")
		w.Header().Set("Vary", "Cookie")
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"user":"` + who + `"}`))
	}))
	defer srv.Close()
	shared := store.NewMemory()
	newReplica := func() *client.Client {
		return client.New(client.WithHTTPCache(httpcache.WithShared(), httpcache.WithStorage(shared)),
			client.WithPartitionKey([]byte("replicas")))
	}
	one, two := newReplica(), newReplica()
	login := func(c *client.Client, who string) {
		if _, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/login?as=" + who, Credentials: client.CredentialsInclude}); err != nil {
			t.Fatal(err)
		}
	}
	login(one, "alice")
	login(two, "bob")
	me := client.Option{URL: srv.URL + "/me", Credentials: client.CredentialsInclude}
	if got := user(one.Request(context.Background(), me)); got != "alice" {
		t.Fatalf("alice got %q", got)
	}
	resp, err := two.Request(context.Background(), me)
	if got := user(resp, err); got != "bob" {
		t.Fatalf("bob got %q (from cache %v) despite Vary: Cookie", got, resp.FromCache)
	}
}
