package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// goHeard starts opt as a Task whose header listener is in place before
// any answer can arrive, and returns what it heard and the Task's result.
func goHeard(t *testing.T, c *client.Client, opt client.Option) ([]client.Headers, *client.Response, error) {
	t.Helper()
	var log headerLog
	registered := make(chan struct{})
	c.AddInterceptor(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		<-registered
		return proceed(ctx, opt)
	})
	task := c.Go(context.Background(), opt)
	task.OnHeadersReceived(log.add)
	close(registered)
	resp, err := task.Wait()
	c.CleanInterceptors()
	return log.all(), resp, err
}

// When every URL has failed and the store's stale data answers, or a
// backup is answered by a fresh HTTP-cache entry after the primary failed,
// the Task's listeners hear that answer last: the caller gets it, and a
// store or cache hit that comes first is announced too.
func TestTaskListenersHearAFallbackAnswer(t *testing.T) {
	var down atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/backup" {
			w.Header().Set("Cache-Control", "max-age=60")
			w.Header().Set("X-From", "backup")
			w.Write([]byte(`{"v":"b"}`))
			return
		}
		if down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("X-From", "primary")
		w.Write([]byte(`{"v":"1"}`))
	}))
	defer srv.Close()

	c := client.New(client.WithBaseURL(srv.URL))
	opt := client.Option{URL: "/conf", UseStore: true, StoreCheckKey: "v", StoreSign: "2", RetryTimes: client.NoRetry}
	if _, err := c.Request(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	down.Store(true)
	heard, resp, err := goHeard(t, c, opt)
	if err != nil || !resp.FromStore || resp.StatusCode != 200 {
		t.Fatalf("status %d, FromStore %v, err %v; want the stored answer", resp.StatusCode, resp.FromStore, err)
	}
	if n := len(heard); n == 0 || heard[n-1].StatusCode != 200 || heard[n-1].Header.Get("X-From") != "primary" {
		t.Errorf("store fallback: listeners heard %+v; want the stored 200 last", heard)
	}

	hc := client.New(client.WithBaseURL(srv.URL), client.WithHTTPCache())
	if _, err := hc.Request(context.Background(), client.Option{URL: "/backup"}); err != nil {
		t.Fatal(err)
	}
	heard, resp, err = goHeard(t, hc, client.Option{URL: "/conf", Backup: []string{"/backup"}, RetryTimes: client.NoRetry})
	if err != nil || !resp.FromCache || resp.Header.Get("X-From") != "backup" {
		t.Fatalf("FromCache %v, header %v, err %v; want the backup's cached answer", resp.FromCache, resp.Header, err)
	}
	if n := len(heard); n != 2 || heard[0].StatusCode != 503 || heard[1].Header.Get("X-From") != "backup" {
		t.Errorf("backup from cache: listeners heard %+v; want the primary's 503, then the backup's cached 200", heard)
	}
}
