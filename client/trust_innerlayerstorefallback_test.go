package client_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestInnerLayerCredentialsPlainStoreFallback: a plain http.Client over a
// client's Transport whose inner layer puts each user's token on the
// request. The store keys the request before that layer runs, without
// credentials: alice's answer was written there, and once the origin
// failed, the store's stale fallback answered bob with alice's data (with
// or without the HTTP cache between them). A request that goes out as the
// store saw it is still written and served as the fallback.
func TestInnerLayerCredentialsPlainStoreFallback(t *testing.T) {
	var down atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Cache-Control", "max-age=0")
		_ = json.NewEncoder(w).Encode(map[string]string{"who": r.Header.Get("Authorization")})
	}))
	defer srv.Close()
	get := func(hc *http.Client, ctx context.Context) (int, string) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/me", nil)
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
		opts := []client.ClientOption{client.WithInnerLayers(innerToken), client.WithBaseURL(srv.URL)}
		if withCache {
			opts = append(opts, client.WithHTTPCache())
		}
		cl := client.New(opts...)
		hc := &http.Client{Transport: cl.Transport(), CheckRedirect: cl.CheckRedirect}
		down.Store(false)
		if _, who := get(hc, context.WithValue(context.Background(), innerUserKey{}, "alice")); who != "Bearer alice" {
			t.Fatalf("alice got %q", who)
		}
		down.Store(true)
		if status, who := get(hc, context.WithValue(context.Background(), innerUserKey{}, "bob")); who != "" || status != http.StatusServiceUnavailable {
			t.Errorf("cache %v: with the origin down, bob got %d %q (alice's stored answer)", withCache, status, who)
		}

		// No token: the answer went as the store keyed it, and is the fallback.
		down.Store(false)
		get(hc, context.Background())
		down.Store(true)
		if status, _ := get(hc, context.Background()); status != http.StatusOK {
			t.Errorf("cache %v: a request without credentials got %d, want the store's fallback", withCache, status)
		}
		cl.CloseIdleConnections()
	}
}
