package client_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// Layers without a key of their own (client.DefaultLayers, an HTTP cache
// layer built without WithPartitionKey), given by WithLayers to clients
// given two keys (users told apart by their connection alone), partitioned
// a plain http.Client's requests over c.Transport() with their own random
// key: a request without credentials had the partition "" under both
// keys, and bob was served alice's stored answer (the store's stale
// fallback while the origin was down) or cached one. They now partition
// such requests by the key of the client whose Transport sent them.
func TestSharedKeylessLayersKeepKeyedClientsPlainRequestsApart(t *testing.T) {
	var down atomic.Bool
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Cache-Control", "private, max-age=600")
		_, _ = fmt.Fprintf(w, `{"who":%q}`, r.Header.Get("X-Conn-Of"))
	}))
	defer api.Close()
	as := connUserTransport
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	get := func(c *client.Client, path string) string {
		t.Helper()
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, api.URL+path, nil)
		resp, err := (&http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		return string(b)
	}
	for _, tc := range []struct {
		name   string
		layers func() []middleware.Middleware
		down   bool // bob asks while the origin is down (the store's fallback)
	}{
		{"DefaultLayers", client.DefaultLayers, true},
		{"httpcache", func() []middleware.Middleware { return []middleware.Middleware{httpcache.Middleware()} }, false},
		// A layer given a key of its own: the clients' keys still keep
		// their plain requests apart, as they keep their calls.
		{"httpcache keyed", func() []middleware.Middleware {
			return []middleware.Middleware{httpcache.Middleware(httpcache.WithPartitionKey([]byte("layer-key")))}
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			down.Store(false)
			ls := tc.layers() // one set of layers, one storage, for both clients
			newClient := func(who string) *client.Client {
				return client.New(client.WithBaseURL(api.URL), client.WithTransport(as(who)),
					client.WithPartitionKey([]byte(who+"-key")), client.WithLayers(ls...))
			}
			alice, bob := newClient("alice"), newClient("bob")
			if got := get(alice, "/me"); got != `{"who":"alice"}` {
				t.Fatalf("alice: %s", got)
			}
			down.Store(tc.down)
			if got := get(bob, "/me"); got == `{"who":"alice"}` {
				t.Errorf("bob was served alice's answer")
			}
		})
	}
}
