package client_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// TestControlBytesInsideAURLArePercentEncodedAsFetchDoes: fetch's URL
// parser (and so Taro's request) percent-encodes a C0 control or DEL inside
// the path or the query ("/json?a=x\x01y" goes as /json?a=x%01y), where
// url.Parse refuses the URL: the call failed with ErrInvalidURL before any
// I/O, and a backup or base URL so written failed every call. In a host
// both refuse it (a Location with one never reaches the client: net/http
// refuses the answer's header line). Found by taro-diff's s29-url2-ctrl-in-query.
func TestControlBytesInsideAURLArePercentEncodedAsFetchDoes(t *testing.T) {
	log := newURILog(t)
	srv, last := log.Server, log.last
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, c := range []struct {
		name, base, url, backup, want string
	}{
		{"query", srv.URL, "/json?a=x\x01y", "", "/json?a=x%01y"},
		{"path NUL", srv.URL, "/js\x00on", "", "/js%00on"},
		{"trailing DEL", srv.URL, "/json\x7f", "", "/json%7F"},
		{"path, query and fragment", srv.URL, "/a\x1fb?c\x7fd#e\x01f", "", "/a%1Fb?c%7Fd"},
		{"backup", srv.URL, "/down", "/b\x02?q=\x03z", "/b%02?q=%03z"},
		{"base URL", srv.URL + "/v\x02w", "users", "", "/v%02w/users"},
	} {
		opt := client.Option{URL: c.url, RetryTimes: client.NoRetry}
		if c.backup != "" {
			opt.Backup = []string{c.backup}
		}
		resp, err := client.New(client.WithBaseURL(c.base)).Request(ctx, opt)
		if err != nil || resp.StatusCode != http.StatusOK || last() != c.want {
			t.Errorf("%s: err %v, status %d, the server got %q, want %q", c.name, err, resp.StatusCode, last(), c.want)
		}
	}
	before := log.count()
	for _, raw := range []string{"http://ho\x01st/x", "http://host\x7f/x", "http://127.0.0.1:80\x01/x"} {
		_, err := client.New().Request(ctx, client.Option{URL: raw, RetryTimes: client.NoRetry})
		if !errors.Is(err, client.ErrInvalidURL) {
			t.Errorf("%q: err %v, want ErrInvalidURL (fetch refuses a control in the host or port too)", raw, err)
		}
	}
	if log.count() != before {
		t.Errorf("a URL with a control in its host or port reached the server")
	}
}
