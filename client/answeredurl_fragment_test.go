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

// A failed call's Response keeps the last answer it got (a 200 DataCheck
// refused, a backup's): its URL is that answer's, without
// the Option's fragment, as a successful call's is (fetch's Response.url
// excludes it).
func TestFailedCallAnsweredURLHasNoFragment(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"v":"1"}`))
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c := client.New(client.WithBaseURL(srv.URL))
	for _, tc := range []struct {
		name string
		opt  client.Option
		want string
	}{
		{"DataCheck refused", client.Option{URL: "/ok#frag", DataCheck: func(*client.Response) bool { return false }}, srv.URL + "/ok"},
		{"DataCheck refused a backup too", client.Option{URL: "/ok#frag", Backup: []string{"/other#b"},
			DataCheck: func(*client.Response) bool { return false }}, srv.URL + "/other"},
	} {
		r, err := c.Request(ctx, tc.opt)
		if err == nil {
			t.Fatalf("%s: no error", tc.name)
		}
		if r.StatusCode == 0 {
			t.Fatalf("%s: no last answer kept: %+v", tc.name, r)
		}
		if r.URL != tc.want || strings.Contains(r.URL, "#") {
			t.Errorf("%s: Response.URL %q, want %q", tc.name, r.URL, tc.want)
		}
	}
}

// Query data that cannot be appended to the URL's text as it is (here a
// fragment in it) still shows in Response.URL: the URL's text is the one
// sent, not the one before the data.
func TestResponseURLHasQueryNotAppendedInPlace(t *testing.T) {
	var sent string
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { sent = r.URL.RawQuery })
	resp, err := client.New().Request(context.Background(), client.Option{URL: srv.URL + "/p", Data: "a=1#x"})
	if err != nil {
		t.Fatal(err)
	}
	if sent != "a=1" || !strings.HasPrefix(resp.URL, srv.URL+"/p?a=1") {
		t.Fatalf("sent query %q, Response.URL %q", sent, resp.URL)
	}
}
