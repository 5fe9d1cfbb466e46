package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// A relative path goes under the base URL's path, with or without its
// trailing slash; "/x" starts at the origin and "?q" keeps the base's path.
func TestBaseURLJoin(t *testing.T) {
	cases := []struct{ base, url, want string }{
		{"https://api.test/v1", "users", "https://api.test/v1/users"},
		{"https://api.test/v1/", "users", "https://api.test/v1/users"},
		{"https://api.test/v1", "users/7?x=1", "https://api.test/v1/users/7?x=1"},
		{"https://api.test/v1", "../v2/users", "https://api.test/v2/users"},
		{"https://api.test/v1", "/users", "https://api.test/users"},
		{"https://api.test/v1/items", "?page=2", "https://api.test/v1/items?page=2"},
		{"https://api.test", "users", "https://api.test/users"},
		{"https://api.test/a%2Fb", "c", "https://api.test/a%2Fb/c"},
		{"https://api.test/v1", "https://other.test/x", "https://other.test/x"},
	}
	for _, tc := range cases {
		var got string
		rt := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			got = r.URL.String()
			return &http.Response{StatusCode: 200, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
		})
		c := client.New(client.WithTransport(rt), client.WithBaseURL(tc.base))
		if _, err := c.Request(context.Background(), client.Option{URL: tc.url, Mode: "cors"}); err != nil {
			t.Fatalf("%s + %s: %v", tc.base, tc.url, err)
		}
		if got != tc.want {
			t.Errorf("%s + %s: sent to %s, want %s", tc.base, tc.url, got, tc.want)
		}
	}
}

// TestEmptyBaseURLIsNone: WithBaseURL("") is no base URL, as its doc says,
// also after another WithBaseURL: a relative URL fails with ErrInvalidURL
// before any I/O, an absolute one is sent.
func TestEmptyBaseURLIsNone(t *testing.T) {
	sent := 0
	rt := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		sent++
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
	})
	for _, opts := range [][]client.ClientOption{
		{client.WithBaseURL("")},
		{client.WithBaseURL("https://api.test"), client.WithBaseURL("")},
	} {
		c := client.New(append(opts, client.WithTransport(rt))...)
		if _, err := c.Request(context.Background(), client.Option{URL: "/users"}); !errors.Is(err, client.ErrInvalidURL) {
			t.Errorf("relative URL: %v, want ErrInvalidURL", err)
		}
		if _, err := c.Request(context.Background(), client.Option{URL: "https://api.test/users"}); err != nil {
			t.Errorf("absolute URL: %v", err)
		}
	}
	if sent != 2 {
		t.Errorf("%d requests sent, want the 2 absolute ones", sent)
	}
}

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
