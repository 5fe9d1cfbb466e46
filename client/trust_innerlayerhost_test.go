package client_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// innerTenantHost is an inner layer (WithInnerLayers) that sends the
// request to the virtual host of the user of its context (its Host
// field), below the store and the HTTP cache.
func innerTenantHost(next http.RoundTripper) http.RoundTripper {
	return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		if u, ok := req.Context().Value(innerUserKey{}).(string); ok {
			req = req.Clone(req.Context())
			req.Host = u + ".tenants.test"
		}
		return next.RoundTrip(req)
	})
}

// TestInnerLayerHostKeepsUsersApart: as
// TestInnerLayerQueryTokenKeepsUsersApart, with an inner layer that sends
// each user's request to the user's virtual host (req.Host), its URL as it
// was. The watch compared the URL and the credential headers, not the
// Host the request went to, so alice's answer was written under the key
// without credentials and bob was answered alice's data, from the store
// and from the cache, and over a plain http.Client from the cache and the
// store's stale fallback (which compared the URLs alone). A request the layer leaves as it is is still
// written and served.
func TestInnerLayerHostKeepsUsersApart(t *testing.T) {
	var down atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Cache-Control", "max-age=60")
		who, _, _ := strings.Cut(r.Host, ".")
		_ = json.NewEncoder(w).Encode(map[string]string{"v": "1", "who": who})
	}))
	defer srv.Close()
	as := func(user string) context.Context {
		if user == "" {
			return context.Background()
		}
		return context.WithValue(context.Background(), innerUserKey{}, user)
	}
	for _, name := range []string{"store", "cache"} {
		opts := []client.ClientOption{client.WithBaseURL(srv.URL), client.WithInnerLayers(innerTenantHost)}
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
		for i := range 2 {
			r, err := cl.Request(context.Background(), client.Option{URL: "/all", UseStore: name == "store", StoreCheckKey: "v", StoreSign: "1"})
			if err != nil {
				t.Fatal(err)
			}
			if i == 1 && !r.FromStore && !r.FromCache {
				t.Errorf("%s: a request the layer left as it was was not answered from the %s", name, name)
			}
		}
		cl.CloseIdleConnections()
	}

	// A plain http.Client over the client's Transport, with and without
	// the HTTP cache: bob asks once the origin is down (the store's
	// fallback), or while alice's entry is fresh (the cache).
	plain := func(hc *http.Client, user string) (int, string) {
		req, _ := http.NewRequestWithContext(as(user), http.MethodGet, srv.URL+"/plain", nil)
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
		opts := []client.ClientOption{client.WithBaseURL(srv.URL), client.WithInnerLayers(innerTenantHost)}
		if withCache {
			opts = append(opts, client.WithHTTPCache())
		}
		cl := client.New(opts...)
		hc := &http.Client{Transport: cl.Transport(), CheckRedirect: cl.CheckRedirect}
		down.Store(false)
		if _, who := plain(hc, "alice"); who != "alice" {
			t.Fatalf("alice got %q", who)
		}
		down.Store(!withCache)
		if status, who := plain(hc, "bob"); who == "alice" {
			t.Errorf("plain client, cache %v: bob got %d, alice's data", withCache, status)
		}
		down.Store(false)
		plain(hc, "")
		down.Store(true)
		if status, _ := plain(hc, ""); status != http.StatusOK {
			t.Errorf("plain client, cache %v: a request the layer left as it was got %d, want its stored answer", withCache, status)
		}
		cl.CloseIdleConnections()
	}
}
