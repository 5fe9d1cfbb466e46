package client_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// TestDotSegmentsOfAnAbsoluteURLAreRemovedAsFetchDoes: fetch's URL parser
// (and RFC 3986 §5.2.2, for a reference with a scheme too) removes the '.'
// and '..' segments of an absolute URL's path, so Taro asks for /json given
// http://host/a/../json; taroreq removed them from a relative URL alone (in
// the resolution against the base) and sent an absolute one's path as
// written, /a/../json, which a server routes elsewhere or refuses. The
// query is no path: its dots stay. "%2e%2e" is one too, as fetch reads it
// (TestEscapedDotSegmentsAreDotsAsFetchReadsThem).
// Found by taro-diff's s30-url-abs-dotdot.
func TestDotSegmentsOfAnAbsoluteURLAreRemovedAsFetchDoes(t *testing.T) {
	log := newURILog(t)
	srv, last := log.Server, log.last
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c := client.New(client.WithBaseURL(srv.URL))
	for _, tc := range []struct {
		name, url, backup, want string
	}{
		{"dot-dot", srv.URL + "/a/../json", "", "/json"},
		{"dot", srv.URL + "/./json", "", "/json"},
		{"dot-dot last", srv.URL + "/json/x/..", "", "/json/"},
		{"above the root", srv.URL + "/../json", "", "/json"},
		{"query kept", srv.URL + "/x/y/../../json?p=/a/../b", "", "/json?p=/a/../b"},
		{"escaped dots", srv.URL + "/a/%2e%2e/json", "", "/json"},
		{"backup", "/down", srv.URL + "/b/../ok", "/ok"},
	} {
		opt := client.Option{URL: tc.url, RetryTimes: client.NoRetry}
		if tc.backup != "" {
			opt.Backup = []string{tc.backup}
		}
		resp, err := c.Request(ctx, opt)
		if err != nil || resp.StatusCode != http.StatusOK || last() != tc.want {
			t.Errorf("%s: err %v, status %d, the server got %q, want %q", tc.name, err, resp.StatusCode, last(), tc.want)
		}
	}
}
