package client_test

import (
	"context"
	"errors"
	"net/http"
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
