package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/retry"
)

// countingServer answers every request with body and Cache-Control
// max-age=60, counting them.
func countingServer(t *testing.T, n *atomic.Int64) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Cache-Control", "max-age=60")
		w.Write([]byte(`{"ok":true}`))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// only-if-cached never goes to the network: with a client's own layers and
// no HTTP cache among them it fails with httpcache.ErrNotCached, at once
// (no retry), and nothing is sent.
func TestOnlyIfCachedWithOwnLayersWithoutACache(t *testing.T) {
	var n, waits atomic.Int64
	srv := countingServer(t, &n)
	// A retry waits first: the waits are counted, not timed (a loaded
	// machine takes longer than a short wait).
	countWaits := retry.WithSleep(func(context.Context, time.Duration) error { waits.Add(1); return nil })
	for name, c := range map[string]*client.Client{
		"WithLayers":      client.New(client.WithLayers(retry.Middleware(countWaits))),
		"WithOuterLayers": client.New(client.WithOuterLayers(retry.Middleware(countWaits))),
	} {
		start := time.Now()
		_, err := c.Request(context.Background(), client.Option{URL: srv.URL, Cache: client.CacheOnlyIfCached})
		if !errors.Is(err, httpcache.ErrNotCached) || n.Load() != 0 || waits.Load() != 0 || time.Since(start) > 2*time.Second {
			t.Fatalf("%s: err %v after %v, %d requests sent, %d retries; want httpcache.ErrNotCached at once, none sent",
				name, err, time.Since(start), n.Load(), waits.Load())
		}
	}
}

// A cache in a client's own layers answers only-if-cached.
func TestOnlyIfCachedWithACacheInOuterLayers(t *testing.T) {
	var n atomic.Int64
	srv := countingServer(t, &n)
	c := client.New(client.WithOuterLayers(httpcache.Middleware()))
	if _, err := c.Request(context.Background(), client.Option{URL: srv.URL}); err != nil {
		t.Fatal(err)
	}
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, Cache: client.CacheOnlyIfCached})
	if err != nil || !resp.FromCache || n.Load() != 1 {
		t.Fatalf("err %v, from cache %v, %d requests sent; want the cached answer", err, resp.FromCache, n.Load())
	}
}

// WithLayers(nil), a nil given to the option, means the default layers
// (which retry a 503); WithLayers() means none.
func TestWithLayersNilMeansTheDefaultLayers(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1)%2 == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	for _, c := range []*client.Client{client.New(client.WithLayers(nil)), client.New(client.WithLayers(nil, nil))} {
		n.Store(0)
		resp, err := c.Request(context.Background(), client.Option{URL: srv.URL})
		if err != nil || resp.StatusCode != 200 || n.Load() != 2 {
			t.Fatalf("WithLayers(nil…): status %d, err %v, %d requests; want the default retry's 200 after 2", resp.StatusCode, err, n.Load())
		}
	}
	resp, _ := client.New(client.WithLayers()).Request(context.Background(), client.Option{URL: srv.URL})
	if resp.StatusCode != 503 || n.Load() != 3 {
		t.Fatalf("WithLayers(): status %d, %d requests; want the 503 of one request", resp.StatusCode, n.Load())
	}
}

// only-if-cached misses refused at the bottom layer say nothing of the
// origin: they open no circuit, and the store's stale fallback does not
// answer them (as with the default layers, which refuse them up front).
func TestOnlyIfCachedMissesOpenNoCircuitAndGetNoFallback(t *testing.T) {
	var n atomic.Int64
	srv := countingServer(t, &n)
	noop := func(next http.RoundTripper) http.RoundTripper { return next }
	c := client.New(client.WithOuterLayers(noop), client.WithBreaker(breaker.WithThreshold(2)))
	if _, err := c.Request(context.Background(), client.Option{URL: srv.URL, UseStore: true}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, UseStore: true, Cache: client.CacheOnlyIfCached})
		if !errors.Is(err, httpcache.ErrNotCached) || resp.FromStore {
			t.Fatalf("miss %d: err %v, from store %v; want httpcache.ErrNotCached", i, err, resp.FromStore)
		}
	}
	if _, err := c.Request(context.Background(), client.Option{URL: srv.URL}); err != nil || n.Load() != 2 {
		t.Fatalf("after the misses: err %v, %d requests sent; want the server's answer (the circuit closed)", err, n.Load())
	}
}

// However only-if-cached is asked for (Option.Cache, a Cache-Control
// request header, the cache's default mode, a plain http.Client), a miss
// is httpcache.ErrNotCached: the store's stale fallback does not answer it.
func TestOnlyIfCachedHoweverAskedGetsNoStoreFallback(t *testing.T) {
	var n atomic.Int64
	srv := countingServer(t, &n)
	fill := client.Option{URL: srv.URL, UseStore: true, Cache: client.CacheNoStore} // the store has it, the cache not
	for name, ask := range map[string]func(c *client.Client) (bool, error){
		"header": func(c *client.Client) (bool, error) {
			resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, UseStore: true,
				Header: http.Header{"Cache-Control": {"only-if-cached"}}})
			return resp.FromStore, err
		},
		"plain http.Client": func(c *client.Client) (bool, error) {
			req, _ := http.NewRequest("GET", srv.URL, nil)
			req.Header.Set("Cache-Control", "only-if-cached")
			resp, err := (&http.Client{Transport: c.Transport()}).Do(req)
			if err == nil {
				resp.Body.Close()
			}
			return err == nil, err
		},
	} {
		c := client.New(client.WithHTTPCache())
		if _, err := c.Request(context.Background(), fill); err != nil {
			t.Fatal(err)
		}
		if answered, err := ask(c); !errors.Is(err, httpcache.ErrNotCached) || answered {
			t.Fatalf("%s: err %v, answered %v; want httpcache.ErrNotCached", name, err, answered)
		}
	}
	c := client.New(client.WithHTTPCache(httpcache.WithMode(httpcache.ModeOnlyIfCached)))
	if _, err := c.Request(context.Background(), fill); err != nil {
		t.Fatal(err)
	}
	if resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, UseStore: true}); !errors.Is(err, httpcache.ErrNotCached) || resp.FromStore {
		t.Fatalf("default mode: err %v, from store %v; want httpcache.ErrNotCached", err, resp.FromStore)
	}
}

// The HTTP cache's own only-if-cached misses, below the breaker, open no
// circuit of a healthy origin and are not retried.
func TestInnerCacheOnlyIfCachedMissesOpenNoCircuit(t *testing.T) {
	var n, waits atomic.Int64
	srv := countingServer(t, &n)
	countWaits := retry.WithSleep(func(context.Context, time.Duration) error { waits.Add(1); return nil })
	c := client.New(client.WithInnerLayers(httpcache.Middleware()), client.WithBreaker(breaker.WithThreshold(2)), client.WithRetry(countWaits))
	for i := 0; i < 3; i++ {
		start := time.Now()
		if _, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/miss", Cache: client.CacheOnlyIfCached}); !errors.Is(err, httpcache.ErrNotCached) || waits.Load() != 0 || time.Since(start) > 2*time.Second {
			t.Fatalf("miss %d: err %v after %v, %d retries; want httpcache.ErrNotCached at once", i, err, time.Since(start), waits.Load())
		}
	}
	if _, err := c.Request(context.Background(), client.Option{URL: srv.URL}); err != nil || n.Load() != 1 {
		t.Fatalf("after the misses: err %v, %d requests; want the server's answer", err, n.Load())
	}
}

// A failure the HTTP cache holds (a 503 with max-age) answers only-if-cached
// as it is: the store's stale fallback does not replace it.
func TestOnlyIfCachedCachedFailureGetsNoStoreFallback(t *testing.T) {
	var fail atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		if fail.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte(`{"ok":true}`))
	}))
	defer srv.Close()
	c := client.New(client.WithHTTPCache())
	if _, err := c.Request(context.Background(), client.Option{URL: srv.URL, UseStore: true, Cache: client.CacheNoStore}); err != nil {
		t.Fatal(err)
	}
	fail.Store(true)
	if resp, _ := c.Request(context.Background(), client.Option{URL: srv.URL, RetryTimes: client.NoRetry, Cache: client.CacheReload}); resp.StatusCode != 503 {
		t.Fatalf("setup: status %d", resp.StatusCode)
	}
	for name, opt := range map[string]client.Option{
		"Option.Cache": {Cache: client.CacheOnlyIfCached},
		"header":       {Header: http.Header{"Cache-Control": {"max-age=0, Only-If-Cached"}}},
	} {
		opt.URL, opt.UseStore, opt.RetryTimes = srv.URL, true, client.NoRetry
		resp, _ := c.Request(context.Background(), opt)
		if resp.FromStore || resp.StatusCode != 503 || !resp.FromCache {
			t.Fatalf("%s: status %d, from store %v, from cache %v; want the cached 503", name, resp.StatusCode, resp.FromStore, resp.FromCache)
		}
	}
}

// Without an HTTP cache, only-if-cached fails up front with the same
// *middleware.NotCachedError as every other miss.
func TestOnlyIfCachedWithoutACacheIsANotCachedError(t *testing.T) {
	_, err := client.New().Request(context.Background(), client.Option{URL: "http://127.0.0.1:1/", Cache: client.CacheOnlyIfCached})
	var nc *middleware.NotCachedError
	if !errors.As(err, &nc) || !errors.Is(err, middleware.ErrNotSent) || !errors.Is(err, middleware.ErrNoRetry) {
		t.Fatalf("err %v; want a *middleware.NotCachedError", err)
	}
}

// A Cache-Control: only-if-cached header a client without an HTTP cache
// sends on to the origin: its failure is the origin's, which the store's
// stale fallback answers.
func TestOnlyIfCachedHeaderSentToTheOriginGetsTheFallback(t *testing.T) {
	var fail atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if fail.Load() {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		w.Write([]byte(`{"ok":true}`))
	}))
	defer srv.Close()
	c := client.New()
	if _, err := c.Request(context.Background(), client.Option{URL: srv.URL, UseStore: true}); err != nil {
		t.Fatal(err)
	}
	fail.Store(true)
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, UseStore: true, RetryTimes: client.NoRetry,
		Header: http.Header{"Cache-Control": {"only-if-cached"}}})
	if err != nil || !resp.FromStore {
		t.Fatalf("err %v, status %d, from store %v; want the store's stale answer", err, resp.StatusCode, resp.FromStore)
	}
}

// An only-if-cached miss is never failed over: neither the URL nor a backup
// is asked, with an HTTP cache that misses or with none.
func TestOnlyIfCachedMissIsNotFailedOverToABackup(t *testing.T) {
	var n, nBackup atomic.Int64
	srv := countingServer(t, &n)
	spare := countingServer(t, &nBackup)
	for name, c := range map[string]*client.Client{
		"no cache":         client.New(),
		"WithHTTPCache":    client.New(client.WithHTTPCache()),
		"WithOuterLayers":  client.New(client.WithOuterLayers(httpcache.Middleware())),
		"own layers, none": client.New(client.WithLayers(retry.Middleware(), backup.Middleware())),
		"cache in backup":  client.New(client.WithLayers(backup.Middleware(), httpcache.Middleware())),
	} {
		resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, Cache: client.CacheOnlyIfCached,
			Backup: []string{spare.URL + "/a", spare.URL + "/b"}})
		if !errors.Is(err, httpcache.ErrNotCached) || !errors.Is(err, middleware.ErrNotSent) || resp.StatusCode != 0 ||
			n.Load() != 0 || nBackup.Load() != 0 {
			t.Fatalf("%s: status %d, err %v, %d sent to the URL, %d to the backups; want httpcache.ErrNotCached, none sent",
				name, resp.StatusCode, err, n.Load(), nBackup.Load())
		}
	}
}
