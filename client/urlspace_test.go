package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A URL is read as fetch reads it (and so Taro): spaces and C0 controls
// around it trimmed, tabs and newlines inside it removed. " /json" is
// /json, not /%20/json; "/json\n" is /json, not an error.
func TestURLWhitespaceAsFetchReadsIt(t *testing.T) {
	var path, query string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path, query = r.URL.EscapedPath(), r.URL.RawQuery
	}))
	defer srv.Close()
	for _, base := range []string{srv.URL, " " + srv.URL + "/\n"} {
		c := client.New(client.WithBaseURL(base))
		for _, u := range []string{" /json", "/json ", "/json\n", "\t/js\ton\r\n", srv.URL + "/json ", "\x00 " + srv.URL + "/js\non\x1f",
			"json", "/json?a=1\t&b=2 "} {
			path, query = "(none)", ""
			_, err := c.Request(context.Background(), client.Option{URL: u, RetryTimes: client.NoRetry})
			want := ""
			if u == "/json?a=1\t&b=2 " {
				want = "a=1&b=2"
			}
			if err != nil || path != "/json" || query != want {
				t.Errorf("base %q, URL %q: sent %q ?%q, err %v; fetch sends /json", base, u, path, query, err)
			}
		}
	}
	c := client.New(client.WithBaseURL(srv.URL))
	for _, u := range []string{" ", "\t\n", "\x01"} {
		if _, err := c.Request(context.Background(), client.Option{URL: u}); !errors.Is(err, client.ErrInvalidURL) {
			t.Errorf("URL %q: %v, want ErrInvalidURL (empty)", u, err)
		}
	}
}
