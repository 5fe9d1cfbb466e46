package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
)

// A POST stored once, then sent again with a backup while the caller gives
// up: the store's stale fallback must not answer a call the caller ended.
func TestStoreFallbackNeverAnswersCancelledPost(t *testing.T) {
	var hang atomic.Bool
	started := make(chan struct{}, 4)
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if hang.Load() {
			started <- struct{}{}
			<-r.Context().Done()
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"v":"1"}`)
	})
	backupSrv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) })
	c := fastClient()
	opt := client.Option{URL: srv.URL + "/p", Method: "POST", Data: map[string]any{"a": 1}, UseStore: true,
		Backup: []string{backupSrv.URL + "/p"}, Mode: client.ModeCORS, Timeout: 5 * time.Second}
	if r, err := c.Request(context.Background(), opt); err != nil || r.FromStore {
		t.Fatalf("first: %+v %v", r, err)
	}
	hang.Store(true)

	t.Run("ctx cancel", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		go func() { <-started; cancel() }()
		r, err := c.Request(ctx, opt)
		if err == nil || r.FromStore || r.ErrMsg != "request:fail abort" {
			t.Fatalf("cancelled call answered: FromStore=%v ErrMsg=%q err=%v", r.FromStore, r.ErrMsg, err)
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err %v, want context.Canceled", err)
		}
	})
	t.Run("abort", func(t *testing.T) {
		task := c.Go(context.Background(), opt)
		<-started
		task.Abort()
		r, err := task.Wait()
		if err == nil || r.FromStore || r.ErrMsg != "request:fail abort" {
			t.Fatalf("aborted call answered: FromStore=%v ErrMsg=%q err=%v", r.FromStore, r.ErrMsg, err)
		}
	})
}

// When every URL failed, the last one answered by an HTTP-cache entry
// that DataCheck rejected, the store's stale data answers: FromStore, and
// not FromCache, which says the HTTP cache answered.
func TestStoreFallbackAfterARejectedCacheEntryIsNotFromCache(t *testing.T) {
	var down atomic.Bool
	primary := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"v":"ok"}`)
	})
	mirror := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"v":"bad"}`)
	})
	c := fastClient(client.WithHTTPCache(), client.WithStore(nil))
	ctx := context.Background()
	check := func(r *client.Response) bool { m, _ := r.Data.(map[string]any); return m["v"] == "ok" }
	opt := client.Option{URL: primary.URL + "/s", Mode: client.ModeCORS, UseStore: true, DataCheck: check,
		Backup: []string{mirror.URL + "/b"}, RetryTimes: client.NoRetry}
	if _, err := c.Request(ctx, opt); err != nil { // stored
		t.Fatal(err)
	}
	if _, err := c.Request(ctx, client.Option{URL: mirror.URL + "/b", Mode: client.ModeCORS}); err != nil { // cached
		t.Fatal(err)
	}
	down.Store(true)
	resp, err := c.Request(ctx, opt)
	if m, _ := resp.Data.(map[string]any); err != nil || m["v"] != "ok" || !resp.FromStore || resp.FromCache || mirror.Count() != 1 {
		t.Errorf("data %v, FromStore %v, FromCache %v, mirror hit %d times, err %v; want the stored data, FromStore alone",
			resp.Data, resp.FromStore, resp.FromCache, mirror.Count(), err)
	}
}
