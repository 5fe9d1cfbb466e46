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
)

// An entry still fresh but older than the caller's Cache-Control max-age
// (or too close to expiry for its min-fresh) does not answer silently when
// the origin cannot be reached: a backup is tried first, as for a stale
// entry, and without one answering the entry does, marked served-stale.
func TestEntryTheRequestRefusedDoesNotPreemptBackup(t *testing.T) {
	for _, directive := range []string{"max-age=5", "min-fresh=40"} {
		t.Run(directive, func(t *testing.T) {
			var now atomic.Int64
			now.Store(time.Now().UnixNano())
			var down atomic.Bool
			reset := faultserver.Reset()
			primary := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
				if down.Load() {
					reset(w, r)
					return
				}
				w.Header().Set("Cache-Control", "max-age=60")
				w.Header().Set("Content-Type", "application/json")
				io.WriteString(w, `{"v":"cached"}`)
			})
			ok := faultserver.New(t, faultserver.OK(`{"v":"backup"}`))
			bad := faultserver.New(t, faultserver.Status(503, ""))
			c := fastClient(client.WithHTTPCache(httpcache.WithClock(func() time.Time { return time.Unix(0, now.Load()) })))
			ctx := context.Background()
			if _, err := c.Request(ctx, client.Option{URL: primary.URL + "/a", Mode: client.ModeCORS}); err != nil {
				t.Fatal(err)
			}
			down.Store(true)
			now.Add(int64(30 * time.Second)) // fresh for 30 s more: refused by max-age=5 and min-fresh=40
			opt := client.Option{URL: primary.URL + "/a", Mode: client.ModeCORS, RetryTimes: client.NoRetry,
				Header: http.Header{"Cache-Control": {directive}}, Backup: []string{ok.URL + "/b"}}
			resp, err := c.Request(ctx, opt)
			if m, _ := resp.Data.(map[string]any); err != nil || m["v"] != "backup" || resp.FromCache || ok.Count() != 1 {
				t.Errorf("healthy backup: data %v (FromCache %v), backup hit %d times, err %v; want the backup's answer",
					resp.Data, resp.FromCache, ok.Count(), err)
			}
			opt.Backup = []string{bad.URL + "/b"}
			resp, err = c.Request(ctx, opt)
			why, stale := httpcache.ServedStale(&http.Response{Header: resp.Header})
			if m, _ := resp.Data.(map[string]any); err != nil || m["v"] != "cached" || !resp.FromCache || !stale ||
				why != httpcache.DetailUnreachable || bad.Count() != 1 {
				t.Errorf("failing backup: data %v (FromCache %v, stale %v %q), backup hit %d times, err %v; want the entry after the backup",
					resp.Data, resp.FromCache, stale, why, bad.Count(), err)
			}
		})
	}
}
