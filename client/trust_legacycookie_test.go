package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/storetest"
	"github.com/taroreq/taroreq/middleware/store"
)

// A stored entry's Set-Cookie is never served: not by a store hit, not by
// the fallback when the network fails.
func TestStoreNeverServesStoredSetCookie(t *testing.T) {
	var fail atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if fail.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"v":"1"}`))
	}))
	defer srv.Close()
	c := client.New(client.WithStore(storetest.WithSetCookie{Store: store.NewMemory()}))
	hit := client.Option{URL: srv.URL + "/home", UseStore: true, StoreCheck: func(*client.Response) bool { return true }}
	if _, err := c.Request(context.Background(), hit); err != nil {
		t.Fatal(err)
	}
	fallback := hit
	fallback.StoreCheck, fallback.RetryTimes = nil, client.NoRetry
	fail.Store(true)
	for name, opt := range map[string]client.Option{"hit": hit, "fallback": fallback} {
		res, err := c.Request(context.Background(), opt)
		if err != nil || !res.FromStore {
			t.Fatalf("%s: %v, from store %v", name, err, res.FromStore)
		}
		if len(res.Cookies) != 0 || res.Header.Get("Set-Cookie") != "" {
			t.Errorf("%s served a stored Set-Cookie: %v", name, res.Cookies)
		}
		if res.Data.(map[string]any)["v"] != "1" {
			t.Errorf("%s: data %v", name, res.Data)
		}
	}
}
