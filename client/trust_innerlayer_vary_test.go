package client_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// An inner layer that puts each tenant's shard on the request (X-Shard,
// from its context: no credential, the partition does not count it) sent
// alice's and bob's calls under one key, and the origin's answer says it
// varies on that field: the store (which writes no answer whose Vary names
// a field the request sent) and the HTTP cache (which honours Vary) keyed
// it by the field as it was above the layer, none, and answered bob's call
// with alice's shard. A call the layer leaves as it is still answers from
// there.
func TestInnerLayerVariedFieldKeepsTenantsApart(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Vary", "Accept-Encoding, x-shard")
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]string{"who": r.Header.Get("X-Shard"), "v": "1"})
	}))
	t.Cleanup(srv.Close)
	shard := innerEdit(func(req *http.Request, user string) { req.Header.Set("X-Shard", user) })
	usersApartInStoreAndCache(t, srv.URL, shard, func(user string) string { return user }, true)
}

// So with a transport of the client's that does it (client.WithTransport:
// it sends a clone with the tenant's shard, as golang.org/x/oauth2's sends
// a token): its answer's Request tells.
func TestTransportVariedFieldKeepsTenantsApart(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Vary", "X-Shard")
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]string{"who": r.Header.Get("X-Shard"), "v": "1"})
	}))
	t.Cleanup(srv.Close)
	shard := innerEdit(func(req *http.Request, user string) { req.Header.Set("X-Shard", user) })(srv.Client().Transport)
	for _, name := range []string{"store", "cache"} {
		opts := []client.ClientOption{client.WithBaseURL(srv.URL), client.WithTransport(shard)}
		if name == "cache" {
			opts = append(opts, client.WithHTTPCache())
		}
		cl := client.New(opts...)
		t.Cleanup(cl.CloseIdleConnections)
		for _, user := range []string{"alice", "bob", ""} {
			r, err := cl.Request(asUser(user), client.Option{URL: "/me", UseStore: name == "store", StoreCheckKey: "v", StoreSign: "1"})
			if err != nil {
				t.Fatal(err)
			}
			if m, _ := r.Data.(map[string]any); m["who"] != user {
				t.Errorf("%s: %q got %v's data (from the store %v, the cache %v)", name, user, m["who"], r.FromStore, r.FromCache)
			}
		}
	}
}

// And for a plain http.Client's requests over the client's Transport(),
// which the HTTP cache tells by comparing its request with its answer's.
func TestInnerLayerVariedFieldKeepsPlainTenantsApart(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Add("Vary", "Accept-Language")
		w.Header().Add("Vary", "X-SHARD ")
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]string{"who": r.Header.Get("X-Shard")})
	}))
	t.Cleanup(srv.Close)
	shard := innerEdit(func(req *http.Request, user string) { req.Header.Set("X-Shard", user) })
	hc := &http.Client{Transport: newInnerClient(t, srv.URL, shard, true).Transport()}
	for _, user := range []string{"alice", "bob", "", ""} {
		if _, who := plainInner(t, hc, user, srv.URL+"/me"); who != user {
			t.Errorf("%q got %q's data", user, who)
		}
	}
}
