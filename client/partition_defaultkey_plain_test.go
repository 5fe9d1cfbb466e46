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
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// Under the default random key a request without credentials has the
// partition "": its entries answer every client sharing the storage (and
// a snapshot after a restart), a plain http.Client's over c.Transport()
// too. The layers the client builds were handed its random key as a key
// given, so such a request had a partition of that key's own: it missed
// what the same request over another client stored.
func TestDefaultKeyPlainClientSharesEntriesWithoutCredentials(t *testing.T) {
	var hits atomic.Int32
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Cache-Control", "max-age=600")
		_, _ = fmt.Fprint(w, `{"v":"1"}`)
	}))
	defer api.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cache := store.NewMemory()
	newClient := func() *client.Client {
		return client.New(client.WithBaseURL(api.URL), client.WithHTTPCache(httpcache.WithStorage(cache)))
	}
	plainGet := func(c *client.Client, path string) {
		t.Helper()
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, api.URL+path, nil)
		resp, err := (&http.Client{Transport: c.Transport()}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
	}
	// A plain http.Client over one client, then over another sharing the
	// storage (a replica, or the same program after a restart).
	a, b := newClient(), newClient()
	plainGet(a, "/shared")
	plainGet(b, "/shared")
	if n := hits.Load(); n != 1 {
		t.Errorf("origin asked %d times, want 1 (the first client's entry answers the second's)", n)
	}
}
