package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

func TestReadmeHTTPCacheClientLevel(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		if r.Method != "GET" && r.Method != "HEAD" {
			w.WriteHeader(200)
			return
		}
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("ETag", `"v1"`)
		w.Write([]byte(`{"v":"0123456789"}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL), client.WithHTTPCache())
	ctx := context.Background()
	r1, err := c.Request(ctx, client.Option{URL: "/x"})
	if err != nil || n.Load() != 1 {
		t.Fatal(err, n.Load())
	}
	r2, _ := c.Request(ctx, client.Option{URL: "/x"})
	if !r2.FromCache || n.Load() != 1 {
		t.Errorf("second GET not from cache: %d", n.Load())
	}
	h, _ := c.Request(ctx, client.Option{URL: "/x", Method: "HEAD"})
	if n.Load() != 1 || h.StatusCode != 200 {
		t.Errorf("HEAD not answered from entry: n=%d status %d", n.Load(), h.StatusCode)
	}
	inm, _ := c.Request(ctx, client.Option{URL: "/x", Header: http.Header{"If-None-Match": {`"v1"`}}})
	if n.Load() != 1 || inm.StatusCode != 304 {
		t.Errorf("If-None-Match: n=%d status %d", n.Load(), inm.StatusCode)
	}
	rg, _ := c.Request(ctx, client.Option{URL: "/x", Header: http.Header{"Range": {"bytes=0-3"}}, DataType: "text"})
	if n.Load() != 1 || rg.StatusCode != 206 || rg.Data != `{"v"` {
		t.Errorf("Range: n=%d status %d data %#v", n.Load(), rg.StatusCode, rg.Data)
	}
	for _, m := range []string{"POST", "PUT", "DELETE"} {
		before := n.Load()
		c.Request(ctx, client.Option{URL: "/x", Method: m, Data: "x"})
		c.Request(ctx, client.Option{URL: "/x"})
		if n.Load() != before+2 {
			t.Errorf("%s did not invalidate: %d requests", m, n.Load()-before)
		}
	}
	_ = r1
}

func TestReadmeStaleWhenOriginDown(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=0")
		w.Header().Set("ETag", `"v1"`)
		w.Write([]byte(`{"v":1}`))
	}))
	c := client.New(client.WithBaseURL(srv.URL), client.WithHTTPCache())
	ctx := context.Background()
	if _, err := c.Request(ctx, client.Option{URL: "/x"}); err != nil {
		t.Fatal(err)
	}
	srv.Close()
	resp, err := c.Request(ctx, client.Option{URL: "/x"})
	if err != nil {
		t.Fatalf("origin down: %v", err)
	}
	cs := resp.Header.Get("Cache-Status")
	if !strings.HasPrefix(cs, "taroreq; hit; ttl=-") || !strings.HasSuffix(cs, "detail=origin-unreachable") {
		t.Errorf("Cache-Status %q", cs)
	}
	_ = httpcache.DetailUnreachable
	t.Logf("FromCache %v Attempts %d", resp.FromCache, resp.Attempts)
}

func TestReadmeStoreNoStoreNeverWritten(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) > 1 {
			w.WriteHeader(503)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		w.Write([]byte(`{"version":"v3"}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	ctx := context.Background()
	o := client.Option{URL: "/x", UseStore: true, StoreCheckKey: "version", StoreSign: "v3", RetryTimes: client.NoRetry}
	if _, err := c.Request(ctx, o); err != nil {
		t.Fatal(err)
	}
	resp, err := c.Request(ctx, o)
	if resp.FromStore {
		t.Errorf("no-store response was stored: %v", err)
	}
}

func TestReadmeStoreCheckAsStrings(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Write([]byte(`{"version":3,"flag":true}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	ctx := context.Background()
	o := client.Option{URL: "/x", UseStore: true, StoreCheckKey: "version", StoreSign: "3"}
	c.Request(ctx, o)
	resp, _ := c.Request(ctx, o)
	if !resp.FromStore || n.Load() != 1 {
		t.Errorf("number 3 vs sign \"3\": FromStore %v, %d requests", resp.FromStore, n.Load())
	}
	o2 := client.Option{URL: "/x", UseStore: true, StoreCheckKey: "flag", StoreSign: "true"}
	resp, _ = c.Request(ctx, o2)
	if !resp.FromStore || n.Load() != 1 {
		t.Errorf("bool true vs sign \"true\": FromStore %v, %d requests", resp.FromStore, n.Load())
	}
}
