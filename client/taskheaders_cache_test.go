package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A Task's header listeners hear the answer its caller gets. When the HTTP
// cache revalidates a stale entry and the origin says 304 Not Modified, the
// caller gets the stored 200 (as a page's fetch does: the browser's
// revalidation is never shown to it), so the listeners hear that 200 with
// the entry's header, not the 304 the cache consumed. Likewise when a 503
// is replaced by a stale entry under stale-if-error.
func TestTaskListenersHearTheCachedAnswerNotTheRevalidation(t *testing.T) {
	var down atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Cache-Control", "max-age=0, stale-if-error=60")
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"v":1}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL), client.WithHTTPCache())
	ctx := context.Background()
	if _, err := c.Request(ctx, client.Option{URL: "/conf"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		down bool
	}{{"304 revalidation", false}, {"503 with stale-if-error", true}} {
		down.Store(tc.down)
		var log headerLog
		registered := make(chan struct{})
		c.AddInterceptor(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
			<-registered // the listener is in place before any answer
			return proceed(ctx, opt)
		})
		task := c.Go(ctx, client.Option{URL: "/conf", RetryTimes: client.NoRetry})
		task.OnHeadersReceived(log.add)
		close(registered)
		resp, err := task.Wait()
		c.CleanInterceptors()
		if err != nil || resp.StatusCode != 200 || !resp.FromCache {
			t.Fatalf("%s: status %d, FromCache %v, err %v; want the cached 200", tc.name, resp.StatusCode, resp.FromCache, err)
		}
		got := log.all()
		if len(got) != 1 || got[0].StatusCode != 200 || got[0].Header.Get("ETag") != `"v1"` ||
			got[0].Header.Get("Content-Type") != "application/json" {
			t.Errorf("%s: listeners heard %+v; want once the 200 the caller got, with the entry's header", tc.name, got)
		}
	}
}

// An answer the cache does not replace is the caller's: heard once, as it
// came (a 503 that no stale-if-error covers, a 200 that changed the entry).
func TestTaskListenersHearTheOriginsAnswerTheCacheKeeps(t *testing.T) {
	var version atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch version.Load() {
		case 0:
			w.Header().Set("ETag", `"v1"`)
			w.Header().Set("Cache-Control", "max-age=0, must-revalidate")
			w.Write([]byte(`{"v":1}`))
		case 1:
			w.Header().Set("ETag", `"v2"`)
			w.Header().Set("Cache-Control", "max-age=0, must-revalidate")
			w.Write([]byte(`{"v":2}`))
		default:
			w.Header().Set("X-Down", "yes")
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL), client.WithHTTPCache())
	ctx := context.Background()
	if _, err := c.Request(ctx, client.Option{URL: "/conf"}); err != nil {
		t.Fatal(err)
	}
	for v, want := range map[int32]int{1: 200, 2: 503} {
		version.Store(v)
		var log headerLog
		registered := make(chan struct{})
		c.AddInterceptor(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
			<-registered
			return proceed(ctx, opt)
		})
		task := c.Go(ctx, client.Option{URL: "/conf", RetryTimes: client.NoRetry})
		task.OnHeadersReceived(log.add)
		close(registered)
		resp, _ := task.Wait()
		c.CleanInterceptors()
		if resp.StatusCode != want || resp.FromCache {
			t.Fatalf("status %d, FromCache %v; want the origin's %d", resp.StatusCode, resp.FromCache, want)
		}
		if got := log.all(); len(got) != 1 || got[0].StatusCode != want {
			t.Errorf("listeners heard %+v; want the origin's %d once", got, want)
		}
	}
}
