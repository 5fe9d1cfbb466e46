package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
)

func auditRaw(t *testing.T) (*httptest.Server, chan string) {
	ch := make(chan string, 10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ch <- r.RequestURI
		w.Write([]byte(`{}`))
	}))
	t.Cleanup(srv.Close)
	return srv, ch
}

func TestReadmeURLForms(t *testing.T) {
	srv, ch := auditRaw(t)
	for _, tc := range []struct {
		base, url, want string
	}{
		{"/v1", "users", "/v1/users"},
		{"/v1/", "users", "/v1/users"},
		{"/v1", "/users", "/users"},
		{"/v1", "  /a/%2e%2e/b \t", "/b"},
		{"/v1", "/a/../b", "/b"},
		{"/v1", "/a\\b", "/a/b"},
		{"/v1", "/a\n/\tb", "/a/b"},
		{"/v1", "/x?q=a b\"<>é&e=%41", "/x?q=a%20b%22%3C%3E%C3%A9&e=%41"},
	} {
		c := client.New(client.WithBaseURL(srv.URL + tc.base))
		_, err := c.Request(context.Background(), client.Option{URL: tc.url})
		if err != nil {
			t.Errorf("%q: %v", tc.url, err)
			continue
		}
		if got := <-ch; got != tc.want {
			t.Errorf("%q + %q: sent %q, want %q", tc.base, tc.url, got, tc.want)
		}
	}
	c := client.New(client.WithBaseURL(srv.URL))
	for _, u := range []string{"", "   ", "http://[::1"} {
		_, err := c.Request(context.Background(), client.Option{URL: u})
		if !errors.Is(err, client.ErrInvalidURL) {
			t.Errorf("%q: %v", u, err)
		}
	}
}

type auditStruct struct {
	A   int    `json:"a"`
	B   string `json:"bee"`
	Nil *int   `json:"nil"`
}

func TestReadmeQueryData(t *testing.T) {
	srv, ch := auditRaw(t)
	c := client.New(client.WithBaseURL(srv.URL))
	for _, tc := range []struct {
		data any
		want string
	}{
		{map[string]any{"z": 1, "a": "go & taro", "n": nil, "o": map[string]any{"k": 1}}, "/x?a=go%20%26%20taro&o=%7B%22k%22%3A1%7D&z=1"},
		{auditStruct{A: 1, B: "x y"}, "/x?a=1&bee=x%20y"},
		{"a=1&b=2", "/x?a=1&b=2"},
	} {
		_, err := c.Request(context.Background(), client.Option{URL: "/x", Data: tc.data})
		if err != nil {
			t.Errorf("%v: %v", tc.data, err)
			continue
		}
		if got := <-ch; got != tc.want {
			t.Errorf("%v: sent %q, want %q", tc.data, got, tc.want)
		}
	}
	for _, d := range []any{42, true, time.Now()} {
		_, err := c.Request(context.Background(), client.Option{URL: "/x", Data: d})
		if !errors.Is(err, encoders.ErrUnencodable) {
			t.Errorf("%T: %v", d, err)
		}
	}
	select {
	case u := <-ch:
		t.Errorf("I/O: %s", u)
	default:
	}
}
