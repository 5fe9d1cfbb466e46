package client_test

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
)

// A primary answered from the HTTP cache, whose answer DataCheck rejects,
// fails over to a backup fetched from the network: the answer is the
// backup's, not a cached one. A backup answered from its own cache entry
// still says so.
func TestFailoverPastACachedAnswerIsNotFromCache(t *testing.T) {
	primary := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"code":1}`)
	})
	backup := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/cached" {
			w.Header().Set("Cache-Control", "max-age=60")
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"code":0}`)
	})
	c := fastClient(client.WithHTTPCache())
	ctx := context.Background()
	for _, u := range []string{primary.URL + "/a", backup.URL + "/cached"} {
		if _, err := c.Request(ctx, client.Option{URL: u, Mode: client.ModeCORS}); err != nil {
			t.Fatal(err)
		}
	}
	check := func(r *client.Response) bool { m, _ := r.Data.(map[string]any); return m["code"] == 0.0 }
	for path, fromCache := range map[string]bool{"/fresh": false, "/cached": true} {
		before := backup.Count()
		resp, err := c.Request(ctx, client.Option{URL: primary.URL + "/a", Backup: []string{backup.URL + path},
			Mode: client.ModeCORS, DataCheck: check})
		if err != nil || resp.URL != backup.URL+path {
			t.Fatalf("%s: answered by %s, err %v", path, resp.URL, err)
		}
		if fetched := backup.Count() > before; resp.FromCache != fromCache || fetched == fromCache {
			t.Errorf("%s: FromCache %v, backup fetched %v; want FromCache %v", path, resp.FromCache, fetched, fromCache)
		}
	}
	if primary.Count() != 1 {
		t.Errorf("primary hit %d times, want 1 (its entry answers)", primary.Count())
	}
}
