package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// A fresh HTTP-cache entry whose revalidation was asked for (Cache
// no-cache, the caller's Cache-Control: no-cache or max-age=0, or the
// response's own no-cache) does not answer when that revalidation fails:
// as fetch's no-cache, the failure is the URL's, so a backup is tried and
// answers, and with no backup answering the call fails (RFC 9111 §5.2.2.4:
// a no-cache response MUST NOT answer without a successful revalidation).
func TestFailedRevalidationOfAFreshEntryIsTheURLsFailure(t *testing.T) {
	for _, tc := range []struct {
		name   string
		cc     string // the primary's Cache-Control
		mode   client.Cache
		header http.Header
		fail   http.HandlerFunc
	}{
		{"mode no-cache, reset", "max-age=60", client.CacheNoCache, nil, faultserver.Reset()},
		{"mode no-cache, 503", "max-age=60", client.CacheNoCache, nil, faultserver.Status(503, "")},
		{"request max-age=0, reset", "max-age=60", "", http.Header{"Cache-Control": {"max-age=0"}}, faultserver.Reset()},
		{"response no-cache, reset", "max-age=60, no-cache", "", nil, faultserver.Reset()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var down atomic.Bool
			primary := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
				if down.Load() {
					tc.fail(w, r)
					return
				}
				w.Header().Set("Cache-Control", tc.cc)
				w.Header().Set("ETag", `"1"`)
				w.Header().Set("Content-Type", "application/json")
				io.WriteString(w, `{"v":"cached"}`)
			})
			ok := faultserver.New(t, faultserver.OK(`{"v":"backup"}`))
			bad := faultserver.New(t, faultserver.Status(503, ""))
			c := fastClient(client.WithHTTPCache())
			ctx := context.Background()
			if _, err := c.Request(ctx, client.Option{URL: primary.URL + "/a", Mode: client.ModeCORS}); err != nil {
				t.Fatal(err)
			}
			down.Store(true)
			opt := client.Option{URL: primary.URL + "/a", Mode: client.ModeCORS, Cache: tc.mode, Header: tc.header,
				RetryTimes: client.NoRetry}

			opt.Backup = []string{ok.URL + "/b"}
			resp, err := c.Request(ctx, opt)
			if m, _ := resp.Data.(map[string]any); err != nil || m["v"] != "backup" || resp.FromCache ||
				resp.URL != ok.URL+"/b" || ok.Count() != 1 || resp.Attempts != 2 {
				t.Errorf("healthy backup: data %v from %s (FromCache %v, %d attempts), backup hit %d times, err %v; want the backup's answer",
					resp.Data, resp.URL, resp.FromCache, resp.Attempts, ok.Count(), err)
			}

			opt.Backup = []string{bad.URL + "/b"}
			resp, err = c.Request(ctx, opt)
			if !errors.Is(err, backup.ErrExhausted) || resp.FromCache || bad.Count() != 1 {
				t.Errorf("failing backup: data %v (FromCache %v), backup hit %d times, err %v; want backup.ErrExhausted",
					resp.Data, resp.FromCache, bad.Count(), err)
			}
		})
	}
}

// stale-if-error still lets the fresh entry answer such a failure, as it
// does once the entry is stale: marked so, and only when no backup answers.
func TestFailedRevalidationOfAFreshEntryUnderStaleIfError(t *testing.T) {
	var down atomic.Bool
	primary := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Cache-Control", "max-age=60, stale-if-error=600")
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"v":"cached"}`)
	})
	ok := faultserver.New(t, faultserver.OK(`{"v":"backup"}`))
	bad := faultserver.New(t, faultserver.Status(503, ""))
	c := fastClient(client.WithHTTPCache())
	ctx := context.Background()
	if _, err := c.Request(ctx, client.Option{URL: primary.URL + "/a", Mode: client.ModeCORS}); err != nil {
		t.Fatal(err)
	}
	down.Store(true)
	opt := client.Option{URL: primary.URL + "/a", Mode: client.ModeCORS, Cache: client.CacheNoCache, RetryTimes: client.NoRetry,
		Backup: []string{ok.URL + "/b"}}
	resp, err := c.Request(ctx, opt)
	if m, _ := resp.Data.(map[string]any); err != nil || m["v"] != "backup" || resp.FromCache {
		t.Errorf("healthy backup: data %v (FromCache %v), err %v; want the backup's answer", resp.Data, resp.FromCache, err)
	}
	opt.Backup = []string{bad.URL + "/b"}
	resp, err = c.Request(ctx, opt)
	why, stale := httpcache.ServedStale(&http.Response{Header: resp.Header})
	if m, _ := resp.Data.(map[string]any); err != nil || m["v"] != "cached" || !resp.FromCache || !stale ||
		why != httpcache.DetailStaleIfError || bad.Count() != 1 {
		t.Errorf("failing backup: data %v (FromCache %v, stale %v %q), backup hit %d times, err %v; want the entry under stale-if-error",
			resp.Data, resp.FromCache, stale, why, bad.Count(), err)
	}
}
