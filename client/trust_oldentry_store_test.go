package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/store"
)

// personalWriter is a shared store in which another program (or an older
// version) wrote every answer with a session in it: a Set-Cookie, a
// gateway's remapped one, a session header and the field the client
// names with WithCredentialHeaders.
type personalWriter struct{ store.Store }

func (o personalWriter) Get(ctx context.Context, key string) (store.Entry, bool, error) {
	e, ok, err := o.Store.Get(ctx, key)
	if ok {
		e.Header = e.Header.Clone()
		e.Header.Set("Set-Cookie", "sid=someone-else")
		e.Header.Set("X-Amzn-Remapped-Set-Cookie", "sid=someone-else")
		e.Header.Set("X-Auth-Token", "someone-else")
		e.Header.Set("X-Workspace", "ws-of-someone-else")
	}
	return e, ok, err
}

// The store's read path, as the HTTP cache's: an entry holding a session
// answers, before the network and as the stale fallback, without it, and
// the answer hands the caller no cookie.
func TestStoreServesNoSessionFieldOfAnOlderEntry(t *testing.T) {
	var down atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"v":"1"}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL), client.WithStore(personalWriter{store.NewMemory()}),
		client.WithCredentialHeaders("X-Workspace"))
	defer c.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	signed := client.Option{URL: "/doc", UseStore: true, StoreCheckKey: "v", StoreSign: "1", RetryTimes: client.NoRetry}
	unsigned := client.Option{URL: "/doc", UseStore: true, RetryTimes: client.NoRetry}
	for i, opt := range []client.Option{signed, signed, unsigned} {
		down.Store(i == 2) // the last one: the stale fallback
		resp, err := c.Request(ctx, opt)
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 && !resp.FromStore {
			t.Fatalf("call %d: not from the store", i+1)
		}
		for _, f := range []string{"Set-Cookie", "X-Amzn-Remapped-Set-Cookie", "X-Auth-Token", "X-Workspace"} {
			if got := resp.Header.Values(f); len(got) != 0 {
				t.Errorf("call %d: served %s %q", i+1, f, got)
			}
		}
		if len(resp.Cookies) != 0 {
			t.Errorf("call %d: cookies %v", i+1, resp.Cookies)
		}
	}
}
