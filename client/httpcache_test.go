package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

func TestHTTPCacheInTheClient(t *testing.T) {
	var n atomic.Int64
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("ETag", `"e1"`)
		if r.Header.Get("If-None-Match") == `"e1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		io.WriteString(w, `{"n":`+string(rune('0'+n.Add(1)))+`}`)
	})
	c := fastClient(client.WithHTTPCache())
	ctx := context.Background()
	opt := client.Option{URL: srv.URL + "/conf"}

	r, err := c.Request(ctx, opt)
	if err != nil || r.FromCache || r.Data.(map[string]any)["n"] != float64(1) {
		t.Fatalf("miss: %+v %v", r, err)
	}
	r, err = c.Request(ctx, opt)
	if err != nil || !r.FromCache || r.Attempts != 0 || r.ErrMsg != "request:ok" || r.Data.(map[string]any)["n"] != float64(1) {
		t.Fatalf("hit: %+v %v", r, err)
	}
	if got := srv.count.Load(); got != 1 {
		t.Fatalf("server saw %d requests, want 1", got)
	}
	opt.Cache = "no-cache" // revalidated: a 304, served from the cache
	r, err = c.Request(ctx, opt)
	if err != nil || !r.FromCache || r.Attempts != 1 || r.Data.(map[string]any)["n"] != float64(1) {
		t.Fatalf("no-cache: %+v %v", r, err)
	}
	opt.Cache = "reload"
	if r, _ = c.Request(ctx, opt); r.FromCache || r.Data.(map[string]any)["n"] != float64(2) {
		t.Fatalf("reload: %+v", r)
	}
	// DataCheck still judges a cached response.
	opt.Cache = "only-if-cached"
	opt.DataCheck = func(r *client.Response) bool { return r.Data.(map[string]any)["n"] == float64(99) }
	if _, err = c.Request(ctx, opt); err == nil {
		t.Fatal("DataCheck accepted a cached response it should reject")
	}
	if got := srv.count.Load(); got != 3 {
		t.Fatalf("server saw %d requests, want 3", got)
	}
}

func TestOnlyIfCachedWithoutACacheSendsNothing(t *testing.T) {
	srv := newRecorder(t, nil)
	resp, err := client.New().Request(context.Background(), client.Option{URL: srv.URL, Cache: "only-if-cached"})
	if !errors.Is(err, httpcache.ErrNotCached) || resp.ErrMsg == "" {
		t.Fatalf("err %v, ErrMsg %q; want ErrNotCached", err, resp.ErrMsg)
	}
	if got := srv.count.Load(); got != 0 {
		t.Fatalf("server saw %d requests, want 0", got)
	}
	// With the cache, a miss is the same error, and no I/O either.
	if _, err := client.New(client.WithHTTPCache()).Request(context.Background(),
		client.Option{URL: srv.URL, Cache: "only-if-cached"}); !errors.Is(err, httpcache.ErrNotCached) {
		t.Fatalf("miss: %v", err)
	}
	if got := srv.count.Load(); got != 0 {
		t.Fatalf("server saw %d requests, want 0", got)
	}
}

// README (Streaming): with EnableChunked the HTTP cache is bypassed: a
// streamed GET neither answers from a fresh entry nor writes one.
func TestReadmeStreamBypassesTheHTTPCache(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=600")
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "body of "+r.URL.Path)
	})
	c := client.New(client.WithHTTPCache())
	ctx := context.Background()
	get := func(path string, streamed bool) *client.Response {
		t.Helper()
		resp, err := c.Request(ctx, client.Option{URL: srv.URL + path, EnableChunked: streamed})
		if err != nil {
			t.Fatal(err)
		}
		if streamed {
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || string(b) != "body of "+path {
				t.Fatalf("%s streamed: %q, %v", path, b, err)
			}
		}
		return resp
	}
	get("/a", false)
	if r := get("/a", false); !r.FromCache || srv.count.Load() != 1 {
		t.Fatalf("the cache did not answer the second buffered GET (FromCache %v, %d requests)", r.FromCache, srv.count.Load())
	}
	if r := get("/a", true); r.FromCache || srv.count.Load() != 2 {
		t.Fatalf("a streamed GET was answered by the cache (FromCache %v, %d requests)", r.FromCache, srv.count.Load())
	}
	get("/b", true)
	if r := get("/b", false); r.FromCache || srv.count.Load() != 4 {
		t.Fatalf("a streamed GET wrote the cache (FromCache %v, %d requests)", r.FromCache, srv.count.Load())
	}
}
