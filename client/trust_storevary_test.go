package client_test

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// shardServer answers with the shard its request names in X-Shard ("" for
// none) and the Vary given; with fail set it answers 503.
func shardServer(t *testing.T, vary string, fail *atomic.Bool) *recorder {
	return newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if fail != nil && fail.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		if vary != "" {
			w.Header().Set("Vary", vary)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"v":"1","shard":%q}`, r.Header.Get("X-Shard"))
	})
}

func shardCall(t *testing.T, c *client.Client, shard string) *client.Response {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	opt := client.Option{URL: "/conf", UseStore: true, StoreCheckKey: "v", StoreSign: "1"}
	if shard != "" {
		opt.Header = http.Header{"X-Shard": {shard}}
	}
	r, err := c.Request(ctx, opt)
	if err != nil {
		t.Fatalf("shard %q: %v", shard, err)
	}
	return r
}

func shardOf(r *client.Response) string {
	m, _ := r.Data.(map[string]any)
	return fmt.Sprint(m["shard"])
}

// The store's key counts no request header but the credential and identity
// ones (the partition): an answer whose Vary names another one the request
// sent (a tenant's shard) answered the next caller of the URL whatever it
// sent, acme's data to globex. Such an answer is not written now, and an
// entry written for a request without the header never answers one with
// it, nor stands in for it when the network fails; Vary: * is never
// written. Answers varying on what the key counts are written as before.
func TestStoreHonoursVaryOnOtherRequestHeaders(t *testing.T) {
	srv := shardServer(t, "X-Shard", nil)
	c := client.New(client.WithBaseURL(srv.URL))
	if r := shardCall(t, c, "acme"); shardOf(r) != "acme" || r.FromStore {
		t.Fatalf("acme: %q, FromStore %v", shardOf(r), r.FromStore)
	}
	if r := shardCall(t, c, "globex"); shardOf(r) != "globex" || r.FromStore {
		t.Fatalf("globex got %q (FromStore %v): another tenant's answer", shardOf(r), r.FromStore)
	}
	if r := shardCall(t, c, ""); shardOf(r) != "" || r.FromStore {
		t.Fatalf("no shard: %q, FromStore %v", shardOf(r), r.FromStore)
	}
	if r := shardCall(t, c, "globex"); shardOf(r) != "globex" || r.FromStore {
		t.Fatalf("globex after an answer without a shard: %q, FromStore %v", shardOf(r), r.FromStore)
	}
	if r := shardCall(t, c, ""); !r.FromStore {
		t.Fatal("the answer to a request without the header was not stored for the next such request")
	}
	if got := srv.count.Load(); got != 4 {
		t.Fatalf("server saw %d requests, want 4", got)
	}

	for _, tc := range []struct {
		vary  string
		shard string
		kept  bool
	}{
		{"*", "", false},
		{"Accept-Encoding, Origin", "acme", true},
		{"Content-Type", "acme", true},
		{"Authorization", "acme", true},
		{"x-shard", "acme", false},
		{"Accept, X-Shard", "", true},
	} {
		srv := shardServer(t, tc.vary, nil)
		c := client.New(client.WithBaseURL(srv.URL))
		shardCall(t, c, tc.shard)
		if r := shardCall(t, c, tc.shard); r.FromStore != tc.kept {
			t.Errorf("Vary %q, X-Shard %q: FromStore %v, want %v", tc.vary, tc.shard, r.FromStore, tc.kept)
		}
	}
}

// The stale fallback (every URL failed) serves stored data whatever its
// sign, but not an entry written for a request without the header its
// Vary names to one that sends it.
func TestStoreFallbackHonoursVary(t *testing.T) {
	var fail atomic.Bool
	srv := shardServer(t, "X-Shard", &fail)
	c := client.New(client.WithBaseURL(srv.URL), client.WithLayers(client.DefaultLayers()...))
	shardCall(t, c, "") // written: no X-Shard sent
	fail.Store(true)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	r, err := c.Request(ctx, client.Option{URL: "/conf", UseStore: true, StoreCheckKey: "v", StoreSign: "2",
		RetryTimes: client.NoRetry, Header: http.Header{"X-Shard": {"globex"}}})
	if err == nil && r.FromStore {
		t.Fatalf("globex's failed call was answered by the entry of a request without its shard: %q", shardOf(r))
	}
}
