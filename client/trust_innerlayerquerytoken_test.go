package client_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// innerQueryToken is an inner layer (WithInnerLayers) that puts the user
// of the request's context in its query as access_token, below the store
// and the HTTP cache.
func innerQueryToken(next http.RoundTripper) http.RoundTripper {
	return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		if u, ok := req.Context().Value(innerUserKey{}).(string); ok {
			req = req.Clone(req.Context())
			q := req.URL.Query()
			q.Set("access_token", u)
			req.URL.RawQuery = q.Encode()
		}
		return next.RoundTrip(req)
	})
}

// TestInnerLayerQueryTokenKeepsUsersApart: as
// TestInnerLayerCredentialsKeepUsersApart, with an inner layer that puts
// each user's token in the query, not in a header. The store and the HTTP
// cache key the request by its URL and credentials above that layer (no
// token): the watch compared the credential headers alone, so alice's
// answer was written under that key and bob was answered alice's data,
// from the store, from the cache, and for a plain http.Client over the
// client's Transport from the cache and from the store's stale fallback.
// A request the layer leaves as it is (no user) is still written and
// served, a query that needs escaping included.
func TestInnerLayerQueryTokenKeepsUsersApart(t *testing.T) {
	var down atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Cache-Control", "max-age=60")
		_ = json.NewEncoder(w).Encode(map[string]string{"v": "1", "who": r.URL.Query().Get("access_token")})
	}))
	defer srv.Close()
	as := func(user string) context.Context {
		if user == "" {
			return context.Background()
		}
		return context.WithValue(context.Background(), innerUserKey{}, user)
	}

	for _, name := range []string{"store", "cache"} {
		opts := []client.ClientOption{client.WithBaseURL(srv.URL), client.WithInnerLayers(innerQueryToken)}
		if name == "cache" {
			opts = append(opts, client.WithHTTPCache())
		}
		cl := client.New(opts...)
		for _, user := range []string{"alice", "bob"} {
			r, err := cl.Request(as(user), client.Option{URL: "/me", UseStore: name == "store", StoreCheckKey: "v", StoreSign: "1"})
			if err != nil {
				t.Fatal(err)
			}
			if m, _ := r.Data.(map[string]any); m["who"] != user {
				t.Errorf("%s: %s got %v's data (from the store %v, the cache %v)", name, user, m["who"], r.FromStore, r.FromCache)
			}
		}
		// No token added: the answer is the key's, and answers again.
		for i := range 2 {
			r, err := cl.Request(context.Background(), client.Option{URL: "/all", UseStore: name == "store", StoreCheckKey: "v", StoreSign: "1"})
			if err != nil {
				t.Fatal(err)
			}
			if i == 1 && !r.FromStore && !r.FromCache {
				t.Errorf("%s: a request without a token was not answered from the %s", name, name)
			}
		}
		cl.CloseIdleConnections()
	}

	// A plain http.Client over the client's Transport, with and without
	// the HTTP cache: bob asks once the origin is down (the store's
	// fallback), or while alice's entry is fresh (the cache).
	plain := func(hc *http.Client, user, path string) (int, string) {
		req, _ := http.NewRequestWithContext(as(user), http.MethodGet, srv.URL+path, nil)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]string
		_ = json.NewDecoder(resp.Body).Decode(&m)
		return resp.StatusCode, m["who"]
	}
	for _, withCache := range []bool{false, true} {
		opts := []client.ClientOption{client.WithBaseURL(srv.URL), client.WithInnerLayers(innerQueryToken)}
		if withCache {
			opts = append(opts, client.WithHTTPCache())
		}
		cl := client.New(opts...)
		hc := &http.Client{Transport: cl.Transport(), CheckRedirect: cl.CheckRedirect}
		down.Store(false)
		if _, who := plain(hc, "alice", "/plain"); who != "alice" {
			t.Fatalf("alice got %q", who)
		}
		down.Store(!withCache)
		if status, who := plain(hc, "bob", "/plain"); who == "alice" {
			t.Errorf("plain client, cache %v: bob got %d, alice's data", withCache, status)
		}
		down.Store(false)
		plain(hc, "", "/plain?q=a%20b|<c>")
		down.Store(true)
		if status, _ := plain(hc, "", "/plain?q=a%20b|<c>"); status != http.StatusOK {
			t.Errorf("plain client, cache %v: a request without a token got %d, want its stored answer", withCache, status)
		}
		cl.CloseIdleConnections()
	}
}
