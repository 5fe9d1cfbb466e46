package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// TestStoredKeysHoldNoPathSession: a session in a ';' path parameter (a
// servlet container's ";jsessionid=", what it redirects a client without
// cookies to) leaves the process in no store or HTTP cache key: the keys'
// readable label kept it in clear in Redis and snapshot files, where the
// entries' URLs, logs and spans already redact it. The entry is still
// found again.
func TestStoredKeysHoldNoPathSession(t *testing.T) {
	var n int
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n++
		w.Header().Set("Cache-Control", "max-age=60")
		io.WriteString(w, `{"v":"1"}`)
	}))
	defer api.Close()
	st, cache := store.NewMemory(), store.NewMemory()
	c := client.New(client.WithStore(st), client.WithHTTPCache(httpcache.WithStorage(cache)))
	opt := client.Option{URL: api.URL + "/home;jsessionid=S3CR3T-SESSION?x=1", UseStore: true,
		StoreCheckKey: "v", StoreSign: "1", Cache: client.CacheNoStore}
	for i := 0; i < 2; i++ {
		if _, err := c.Request(context.Background(), opt); err != nil {
			t.Fatal(err)
		}
	}
	if n != 1 {
		t.Fatalf("the store answered %d of 2 requests, want the second", 2-n)
	}
	opt.UseStore, opt.Cache = false, client.CacheDefault
	for i := 0; i < 2; i++ {
		if _, err := c.Request(context.Background(), opt); err != nil {
			t.Fatal(err)
		}
	}
	if n != 2 {
		t.Fatalf("the HTTP cache answered %d of 2 requests, want the second", 3-n)
	}
	dir := t.TempDir()
	for name, m := range map[string]*store.Memory{"store": st, "cache": cache} {
		path := filepath.Join(dir, name)
		if err := m.SaveFile(path); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if i := strings.Index(string(b), "S3CR3T"); i >= 0 {
			t.Errorf("the %s snapshot holds the session: %q", name, b[max(0, i-40):i+14])
		}
	}
}
