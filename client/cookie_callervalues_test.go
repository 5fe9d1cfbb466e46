package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A Cookie header of the caller's with two values (or two spellings, which
// merge into two values) went whole while the jar had nothing for the URL,
// but once it had a cookie only the first value went, followed by the
// jar's: the caller's other cookies were dropped without a word. All of
// them go now, in the one Cookie field, before the jar's.
func TestCallersCookieValuesAllGoWithTheJars(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/login" {
			http.SetCookie(w, &http.Cookie{Name: "jar", Value: "j"})
		} else {
			got = r.Header.Values("Cookie")
		}
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	defer c.CloseIdleConnections()
	ctx := context.Background()
	if _, err := c.Request(ctx, client.Option{URL: "/login", Credentials: client.CredentialsInclude}); err != nil {
		t.Fatal(err)
	}
	for _, h := range []http.Header{
		{"Cookie": {"a=1", "b=2"}},
		{"Cookie": {"a=1"}, "cookie": {"b=2"}},
	} {
		if _, err := c.Request(ctx, client.Option{URL: "/x", Credentials: client.CredentialsInclude, Header: h}); err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0] != "a=1; b=2; jar=j" {
			t.Errorf("%v: the server got Cookie %q, want [\"a=1; b=2; jar=j\"]", h, got)
		}
	}
}
