package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// olderWriter is a shared storage in which another program (or an older
// version) wrote the answers with the field a client names as a
// credential: every entry read holds X-Workspace.
type olderWriter struct{ store.Store }

func (o olderWriter) Get(ctx context.Context, key string) (store.Entry, bool, error) {
	e, ok, err := o.Store.Get(ctx, key)
	if ok {
		e.Header = e.Header.Clone()
		e.Header.Set("X-Workspace", "ws-of-someone-else")
	}
	return e, ok, err
}

// An HTTP cache entry that holds a field the client names with
// WithCredentialHeaders, written by whatever wrote it, is served without
// it, as one holding Set-Cookie is.
func TestHTTPCacheServesNoNamedCredentialFieldOfAnOlderEntry(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Cache-Control", "public, max-age=600")
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"v":1}`))
	}))
	defer srv.Close()
	st := olderWriter{store.NewMemory()}
	c := client.New(client.WithBaseURL(srv.URL), client.WithHTTPCache(httpcache.WithStorage(st)),
		client.WithCredentialHeaders("X-Workspace"))
	defer c.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for i := 0; i < 2; i++ {
		resp, err := c.Request(ctx, client.Option{URL: "/doc"})
		if err != nil {
			t.Fatal(err)
		}
		if got := resp.Header.Values("X-Workspace"); len(got) != 0 {
			t.Errorf("call %d: served X-Workspace %q", i+1, got)
		}
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("%d requests reached the server, want 1 (the second from the cache)", n)
	}
}
