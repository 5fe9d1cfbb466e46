package client_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// userLayers are a store and an HTTP cache layer as a user builds them for
// client.WithLayers, without any of the client's options: they know the
// client only through what its Transport gives each request.
func userLayers() map[string]func() middleware.Middleware {
	always := func(*http.Response, []byte) bool { return true }
	return map[string]func() middleware.Middleware{
		"store": func() middleware.Middleware { return store.Middleware(store.NewMemory(), store.WithCheck(always)) },
		"cache": func() middleware.Middleware { return httpcache.Middleware() },
	}
}

// plainGetAs sends a GET over hc with header h and returns the body.
func plainGetAs(t *testing.T, hc *http.Client, u string, h http.Header) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header = h
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestUserLayersCountClientCredentialNames: a plain http.Client over
// c.Transport() of a client built WithLayers(store or httpcache layer of
// the user's) and WithCredentialHeaders("X-Workspace"): alice's answer is
// never bob's. The layers partitioned by their own names only, and bob got
// alice's (max-age=60 in the cache; the store's check in the store).
func TestUserLayersCountClientCredentialNames(t *testing.T) {
	for name, layer := range userLayers() {
		t.Run(name, func(t *testing.T) {
			api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Cache-Control", "max-age=60")
				io.WriteString(w, "tenant="+r.Header.Get("X-Workspace"))
			}))
			defer api.Close()
			c := client.New(client.WithCredentialHeaders("X-Workspace"), client.WithLayers(layer()))
			hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
			for _, who := range []string{"alice", "bob", "alice"} {
				if got := plainGetAs(t, hc, api.URL+"/me", http.Header{"X-Workspace": {who}}); got != "tenant="+who {
					t.Fatalf("%s got %q", who, got)
				}
			}
		})
	}
}

// TestUserLayersKeepAStrippedHopsAnswerApart: the store and HTTP cache
// layers a user builds for client.WithLayers partition a plain
// http.Client's hop by the credentials the client's bottom layer sends it
// with, as the layers the client builds do: an outer layer's token that
// the bottom layer strips from a hop (from another origin to the API) kept
// the stranger's page the hop got under alice's token, which answered her
// next GET /profile (the cache: max-age=60; the store: its fallback once
// the API failed).
func TestUserLayersKeepAStrippedHopsAnswerApart(t *testing.T) {
	for name, layer := range userLayers() {
		t.Run(name, func(t *testing.T) {
			down := new(atomic.Bool)
			api, other := profileAPI(t, down)
			c := client.New(client.WithLayers(layer()), client.WithOuterLayers(bearerEverywhere))
			hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
			if got := plainGet(t, hc, other.URL+"/go"); got != "stranger" {
				t.Fatalf("the hop got %q, want the stranger's page (no token on it)", got)
			}
			down.Store(name == "store") // the store answers before the network only by its check
			if got := plainGet(t, hc, api.URL+"/profile"); got == "stranger" {
				t.Errorf("alice's own request was answered with the stranger's page the hop got")
			}
		})
	}
}
