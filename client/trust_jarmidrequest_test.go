package client_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// loginOrigin answers /me with the session's private data; without a
// session, ?as=NAME logs NAME in through /login (a Set-Cookie and a
// redirect back), and a bare /me is 401.
func loginOrigin(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		as := r.URL.Query().Get("as")
		switch r.URL.Path {
		case "/me":
			if ck, err := r.Cookie("session"); err == nil {
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprintf(w, `{"v":"1","private":"of-%s"}`, ck.Value)
				return
			}
			if as == "" {
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			http.Redirect(w, r, "/login?as="+as, http.StatusFound)
		case "/login":
			http.SetCookie(w, &http.Cookie{Name: "session", Value: as, Path: "/"})
			http.Redirect(w, r, "/me?as="+as, http.StatusFound)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// A request that the jar gives a cookie while it is under way (a login
// redirect) was looked up without credentials: its answer is the new
// session's, and it is not written where every caller without
// credentials would be served it.
func TestStoreSkipsAnswerOfCookieTakenMidRequest(t *testing.T) {
	srv := loginOrigin(t)
	mem := store.NewMemory()
	key := []byte("replicas")
	alice := client.New(client.WithBaseURL(srv.URL), client.WithStore(mem), client.WithPartitionKey(key))
	bob := client.New(client.WithBaseURL(srv.URL), client.WithStore(mem), client.WithPartitionKey(key))
	opt := client.Option{URL: "/me", Data: map[string]any{"as": "alice"}, Credentials: client.CredentialsInclude, UseStore: true}
	first, err := alice.Request(context.Background(), opt)
	if err != nil || !strings.Contains(string(first.Raw), "of-alice") {
		t.Fatalf("alice: %s, %v", first.Raw, err)
	}
	if n, _ := mem.Len(); n != 0 {
		t.Fatalf("alice's answer, got with the cookie the login set, was stored (%d entries) under the key made without it", n)
	}
	// Her next request carries the cookie from the start: its answer is
	// stored, in her partition.
	if _, err := alice.Request(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	if n, _ := mem.Len(); n != 1 {
		t.Fatalf("%d entries after alice's second request, want 1", n)
	}
	// Bob, without a cookie, asks for the same URL with a sign the data
	// carries: nothing of alice's answers him from the store.
	check := opt
	check.StoreCheckKey, check.StoreSign = "v", "1"
	res, err := bob.Request(context.Background(), check)
	if err != nil || res.FromStore {
		t.Fatalf("bob: from store %v, %s, %v", res.FromStore, res.Raw, err)
	}
}

// The same for the HTTP cache: a retry after a 503 that set a cookie.
func TestHTTPCacheSkipsAnswerOfCookieTakenMidRequest(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ck, err := r.Cookie("session")
		if err != nil {
			if n.Add(1) == 1 {
				http.SetCookie(w, &http.Cookie{Name: "session", Value: "alice", Path: "/"})
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			fmt.Fprint(w, `{"user":"anonymous"}`)
			return
		}
		w.Header().Set("Cache-Control", "max-age=600")
		fmt.Fprintf(w, `{"private":"of-%s"}`, ck.Value)
	}))
	defer srv.Close()
	shared := store.NewMemory()
	key := []byte("replicas")
	alice := client.New(client.WithBaseURL(srv.URL), client.WithPartitionKey(key), client.WithHTTPCache(httpcache.WithStorage(shared)))
	anon := client.New(client.WithBaseURL(srv.URL), client.WithPartitionKey(key), client.WithHTTPCache(httpcache.WithStorage(shared)))
	first, err := alice.Request(context.Background(), client.Option{URL: "/me", Credentials: client.CredentialsInclude})
	if err != nil || !strings.Contains(string(first.Raw), "of-alice") {
		t.Fatalf("alice: %s, %v", first.Raw, err)
	}
	res, err := anon.Request(context.Background(), client.Option{URL: "/me", Credentials: client.CredentialsInclude})
	if err != nil || res.FromCache || strings.Contains(string(res.Raw), "of-alice") {
		t.Fatalf("a caller without cookies: from cache %v, %s, %v", res.FromCache, res.Raw, err)
	}
}
