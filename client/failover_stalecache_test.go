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

// staleSetup caches the primary's answer, then takes the primary down (a
// reset) and moves the clock an hour on: its entry is stale, and the
// cache would serve it as the origin cannot be reached.
func staleSetup(t *testing.T) (c *client.Client, primary string) {
	t.Helper()
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
		io.WriteString(w, `{"v":"old"}`)
	})
	c = fastClient(client.WithHTTPCache(httpcache.WithClock(func() time.Time { return time.Unix(0, now.Load()) })))
	if _, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/a", Mode: client.ModeCORS}); err != nil {
		t.Fatal(err)
	}
	down.Store(true)
	now.Add(int64(time.Hour))
	return c, srv.URL + "/a"
}

// A primary that cannot be reached, whose hour-old entry the HTTP cache
// would serve, fails over to a backup that answers: the backup's fresh
// answer, not the stale entry (fetch's cache never serves stale on a
// network error; a browser's failover gets the backup's).
func TestStaleCacheEntryDoesNotPreemptBackup(t *testing.T) {
	c, primary := staleSetup(t)
	backup := faultserver.New(t, faultserver.OK(`{"v":"backup"}`))
	resp, err := c.Request(context.Background(), client.Option{URL: primary, Backup: []string{backup.URL + "/b"}, Mode: client.ModeCORS})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := resp.Data.(map[string]any)
	if m["v"] != "backup" || backup.Count() != 1 || resp.FromCache || resp.URL != backup.URL+"/b" {
		t.Errorf("data %v from %s (FromCache %v), backup hit %d times; want the backup's answer",
			resp.Data, resp.URL, resp.FromCache, backup.Count())
	}
}

// When no backup answers either, the stale entry still answers, marked so.
func TestStaleCacheEntryAnswersWhenBackupsFail(t *testing.T) {
	c, primary := staleSetup(t)
	backup := faultserver.New(t, faultserver.Status(503, ""))
	resp, err := c.Request(context.Background(), client.Option{URL: primary, Backup: []string{backup.URL + "/b"}, Mode: client.ModeCORS})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := resp.Data.(map[string]any)
	why, stale := httpcache.ServedStale(&http.Response{Header: resp.Header})
	if m["v"] != "old" || !resp.FromCache || !stale || why != httpcache.DetailUnreachable || resp.URL != primary || backup.Count() != 1 {
		t.Errorf("data %v from %s (FromCache %v, stale %v %q), backup hit %d times; want the stale entry after the backup",
			resp.Data, resp.URL, resp.FromCache, stale, why, backup.Count())
	}
}
