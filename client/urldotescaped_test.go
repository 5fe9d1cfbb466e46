package client_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// TestEscapedDotSegmentsAreDotsAsFetchReadsThem: fetch's URL parser takes
// a path segment "%2e" for "." and ".%2e", "%2e." or "%2e%2e" (any case)
// for "..", and removes them, so Taro asks for /json given /a/%2e%2e/json,
// and for /json given %2e%2e/json under a base path /v1/. taroreq kept them
// (RFC 3986: an escaped dot is no dot) and asked for /a/%2e%2e/json, which
// a server routes elsewhere. A Location and a backup are read so too; a
// query's "%2e%2e", and a segment with more in it, stay. The wanted paths
// are node's (new URL(u, base).pathname + search).
func TestEscapedDotSegmentsAreDotsAsFetchReadsThem(t *testing.T) {
	log := newURILog(t)
	srv, last := log.Server, log.last
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c := client.New(client.WithBaseURL(srv.URL + "/v1/"))
	for _, tc := range []struct {
		url, backup, want string
	}{
		{srv.URL + "/a/%2e%2e/json", "", "/json"},
		{srv.URL + "/a/%2E%2E/json", "", "/json"},
		{srv.URL + "/a/.%2e/json", "", "/json"},
		{srv.URL + "/a/%2e./json", "", "/json"},
		{srv.URL + "/a/%2e/json", "", "/a/json"},
		{srv.URL + "/a/b/%2e%2e", "", "/a/"},
		{srv.URL + "/%2e%2e/%2e%2e/json", "", "/json"},
		{srv.URL + "/a/%2e%2e/json?q=/%2e%2e/", "", "/json?q=/%2e%2e/"},
		{srv.URL + "/a/b%2e%2e/json", "", "/a/b%2e%2e/json"},
		{srv.URL + "/a/%2e%2e%2fjson", "", "/a/%2e%2e%2fjson"},
		{"%2e%2e/json", "", "/json"},
		{"x/%2e/json", "", "/v1/x/json"},
		{"/a/%2e%2e/json", "", "/json"},
		{"//" + srv.Listener.Addr().String() + "/a/%2e%2e/json", "", "/json"},
		{"/down", srv.URL + "/b/%2e%2e/ok", "/ok"},
		{"/moved?to=" + url.QueryEscape("/c/%2e%2e/json"), "", "/json"},
		{"/moved?to=" + url.QueryEscape(srv.URL+"/c/%2E./json"), "", "/json"},
	} {
		opt := client.Option{URL: tc.url, RetryTimes: client.NoRetry}
		if tc.backup != "" {
			opt.Backup = []string{tc.backup}
		}
		resp, err := c.Request(ctx, opt)
		if err != nil || resp.StatusCode != http.StatusOK || last() != tc.want {
			t.Errorf("%s (backup %q): err %v, the server got %q, want %q", tc.url, tc.backup, err, last(), tc.want)
		}
	}
}
