package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A '%' in a fragment that starts no escape ("#100%", "#%zz") is kept by
// fetch's URL parser, and the fragment is never sent: Taro's call goes. The
// client refused the whole URL (url.Parse's "invalid URL escape"), for an
// Option URL, a backup, a base URL, a redirect's Location and string data
// whose '#' starts the fragment alike.
func TestFragmentWithALonePercentIsNoErrorAsInFetch(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.RequestURI)
		mu.Unlock()
		switch r.URL.Path {
		case "/down":
			w.WriteHeader(http.StatusServiceUnavailable)
		case "/r":
			w.Header().Set("Location", "/ok?from=r#50%")
			w.WriteHeader(http.StatusFound)
		default:
			w.Write([]byte(`{"v":"1"}`))
		}
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c := client.New(client.WithBaseURL(srv.URL))
	for _, tc := range []struct {
		name string
		opt  client.Option
		sent []string // request URIs the server got
		url  string   // the answer's URL, after the server's origin
	}{
		{"relative", client.Option{URL: "/ok#%"}, []string{"/ok"}, "/ok"},
		{"relative with query and data", client.Option{URL: "/ok?a=1#100%", Data: map[string]any{"b": 2}}, []string{"/ok?a=1&b=2"}, "/ok?a=1&b=2"},
		{"bad escape", client.Option{URL: "/ok#%zz%4"}, []string{"/ok"}, "/ok"},
		{"absolute", client.Option{URL: srv.URL + "/ok#a%"}, []string{"/ok"}, "/ok"},
		{"escapes kept", client.Option{URL: "/ok#%41%"}, []string{"/ok"}, "/ok"},
		{"backup", client.Option{URL: "/down", Backup: []string{"/ok#%"}, RetryTimes: client.NoRetry}, []string{"/down", "/ok"}, "/ok"},
		{"jsonp", client.Option{URL: "/ok#%", JSONP: true, JSONPCallback: "cb", JSONPCache: true, RetryTimes: client.NoRetry}, []string{"/ok?callback=cb"}, ""},
		{"string data", client.Option{URL: "/ok", Data: "a=1#50%"}, []string{"/ok?a=1"}, "/ok?a=1"},
		{"string data and backup", client.Option{URL: "/down", Data: "a=1#%zz", Backup: []string{"/ok"}, RetryTimes: client.NoRetry}, []string{"/down?a=1", "/ok?a=1"}, "/ok?a=1"},
		{"location", client.Option{URL: "/r"}, []string{"/r", "/ok?from=r"}, "/ok?from=r"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mu.Lock()
			got = nil
			mu.Unlock()
			resp, err := c.Request(ctx, tc.opt)
			if tc.name == "jsonp" {
				// The server answers no script: the attempt fails after
				// the request went, as the URL was taken.
				if err == nil || strings.Contains(err.Error(), "invalid URL") {
					t.Fatalf("err = %v, want a failed JSONP attempt, no URL error", err)
				}
			} else if err != nil {
				t.Fatalf("err = %v", err)
			} else if resp.URL != srv.URL+tc.url {
				t.Errorf("resp.URL = %q, want %q", resp.URL, srv.URL+tc.url)
			}
			mu.Lock()
			defer mu.Unlock()
			if strings.Join(got, " ") != strings.Join(tc.sent, " ") {
				t.Errorf("server got %q, want %q", got, tc.sent)
			}
		})
	}
	t.Run("base", func(t *testing.T) {
		b := client.New(client.WithBaseURL(srv.URL + "/#%"))
		resp, err := b.Request(ctx, client.Option{URL: "ok"})
		if err != nil || resp.URL != srv.URL+"/ok" {
			t.Fatalf("resp.URL = %q, err = %v", resp.URL, err)
		}
	})
}
