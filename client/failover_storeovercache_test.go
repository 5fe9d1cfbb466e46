package client_test

import (
	"context"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// With UseStore and the HTTP cache, the store may hold a newer answer than
// the cache (a call with Cache no-store got it). When the origin is down,
// the store's data (Taro's last resort) answers, with or without backups,
// not the cache's older entry; and a stale cache answer is never written to
// the store as if it were new.
func TestStoreFallbackComesBeforeAStaleCacheEntry(t *testing.T) {
	for _, withBackup := range []bool{false, true} {
		var now atomic.Int64
		now.Store(time.Now().UnixNano())
		var down atomic.Bool
		var version atomic.Int32
		reset := faultserver.Reset()
		srv := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
			if down.Load() {
				reset(w, r)
				return
			}
			w.Header().Set("Cache-Control", "max-age=60")
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"v":`+string(rune('0'+version.Add(1)))+`}`)
		})
		c := fastClient(client.WithHTTPCache(httpcache.WithClock(func() time.Time { return time.Unix(0, now.Load()) })))
		opt := client.Option{URL: srv.URL + "/item", Mode: client.ModeCORS, UseStore: true}
		if withBackup {
			backup := faultserver.New(t, faultserver.Reset())
			opt.Backup = []string{backup.URL + "/item"}
		}
		ctx := context.Background()
		first := opt
		if _, err := c.Request(ctx, first); err != nil { // v1: cached and stored
			t.Fatal(err)
		}
		second := opt
		second.Cache = client.CacheNoStore
		if _, err := c.Request(ctx, second); err != nil { // v2: stored only
			t.Fatal(err)
		}
		down.Store(true)
		now.Add(int64(time.Hour)) // the cache's v1 is stale
		for i := 0; i < 2; i++ {
			resp, err := c.Request(ctx, opt)
			if err != nil {
				t.Fatalf("backup %v, call %d: %v", withBackup, i, err)
			}
			m, _ := resp.Data.(map[string]any)
			if m["v"] != 2.0 || !resp.FromStore || resp.FromCache {
				t.Errorf("backup %v, call %d: data %v (FromStore %v, FromCache %v); want the store's v2",
					withBackup, i, resp.Data, resp.FromStore, resp.FromCache)
			}
		}
	}
}

// countingStore counts the writes to the store it wraps.
type countingStore struct {
	store.Store
	sets atomic.Int32
}

func (s *countingStore) Set(ctx context.Context, key string, e store.Entry) error {
	s.sets.Add(1)
	return s.Store.Set(ctx, key, e)
}

// An answer the HTTP cache serves, fresh or stale, is not written to the
// store: it was written when the network gave it, and written again a stale
// one would pass for new (its StoredAt) in the store.
func TestStoreDoesNotWriteCacheAnswers(t *testing.T) {
	var now atomic.Int64
	now.Store(time.Now().UnixNano())
	var down atomic.Bool
	reset := faultserver.Reset()
	srv := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			reset(w, r)
			return
		}
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"v":1}`)
	})
	st := &countingStore{Store: store.NewMemory()}
	c := fastClient(client.WithStore(st), client.WithHTTPCache(httpcache.WithClock(func() time.Time { return time.Unix(0, now.Load()) })))
	ctx := context.Background()
	opt := client.Option{URL: srv.URL + "/item", Mode: client.ModeCORS}
	if _, err := c.Request(ctx, opt); err != nil { // cached, the store not asked
		t.Fatal(err)
	}
	opt.UseStore = true
	resp, err := c.Request(ctx, opt) // a fresh cache hit
	if err != nil || !resp.FromCache {
		t.Fatalf("fresh hit: FromCache %v, %v", resp.FromCache, err)
	}
	down.Store(true)
	now.Add(int64(time.Hour))
	resp, err = c.Request(ctx, opt) // the stale entry, the origin down
	if err != nil || !resp.FromCache {
		t.Fatalf("stale answer: FromCache %v, %v", resp.FromCache, err)
	}
	if n := st.sets.Load(); n != 0 {
		t.Errorf("the store was written %d times with the cache's answers", n)
	}
}
