package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// fetch's Response.url is its URL serialized with "exclude fragment": a
// fragment is never sent and is no part of the URL that answered. The
// answer's URL had the Option's fragment when no redirect took it away
// (a redirect's hop already showed none), for the primary, a backup, the
// store's and the HTTP cache's answers alike.
func TestAnsweredURLHasNoFragment(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/down":
			w.WriteHeader(http.StatusServiceUnavailable)
		case "/r":
			w.Header().Set("Location", "/ok")
			w.WriteHeader(http.StatusFound)
		default:
			w.Header().Set("Cache-Control", "max-age=60")
			w.Write([]byte(`{"v":"1"}`))
		}
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c := client.New(client.WithBaseURL(srv.URL), client.WithHTTPCache())
	for _, tc := range []struct {
		name string
		opt  client.Option
		want string
	}{
		{"primary", client.Option{URL: "/ok#top"}, "/ok"},
		{"primary, HTTP cache", client.Option{URL: "/ok#again"}, "/ok"},
		{"query", client.Option{URL: "/q?a=1#f", Data: map[string]any{"b": 2}}, "/q?a=1&b=2"},
		{"redirect", client.Option{URL: "/r#f"}, "/ok"},
		{"backup", client.Option{URL: "/down", Backup: []string{"/bk#part"}, RetryTimes: client.NoRetry}, "/bk"},
		{"store", client.Option{URL: "/st#x", UseStore: true, StoreCheckKey: "v", StoreSign: "1", Cache: client.CacheNoStore}, "/st"},
		{"store hit", client.Option{URL: "/st#x", UseStore: true, StoreCheckKey: "v", StoreSign: "1", Cache: client.CacheNoStore}, "/st"},
	} {
		resp, err := c.Request(ctx, tc.opt)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if want := srv.URL + tc.want; resp.URL != want || strings.Contains(resp.URL, "#") {
			t.Errorf("%s: URL = %q, want %q (fetch's Response.url has no fragment)", tc.name, resp.URL, want)
		}
		if tc.name == "store hit" && !resp.FromStore || tc.name == "primary, HTTP cache" && !resp.FromCache {
			t.Errorf("%s: not answered from where the case wants (store %v, cache %v)", tc.name, resp.FromStore, resp.FromCache)
		}
	}
}
