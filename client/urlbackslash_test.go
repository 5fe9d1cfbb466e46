package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// fetch's URL parser reads a backslash before the query or fragment of an
// http(s) URL, or of a reference against one, as a slash (WHATWG URL: the
// special schemes' path and authority), so Taro's request('/a\\b') asks
// for /a/b; the client sent /a%5Cb (RFC 3986 has no backslash, url.Parse
// keeps it in the path) and refused one in an authority (http://h\x):
// taro-diff's k-url-backslash and s29-url2-backslash-path were (b). A
// backslash with an '@' after it before the query stays refused: fetch
// would end the authority at the backslash and take the userinfo's text,
// a password maybe, for a host or a path.
func TestBackslashIsASlashAsFetchReadsIt(t *testing.T) {
	got := make(chan string, 20)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.Host + " " + r.RequestURI
		if r.URL.Path == "/redirect" {
			w.Header().Set("Location", `\a\..\from-location`)
			w.WriteHeader(http.StatusFound)
			return
		}
		w.WriteHeader(http.StatusTeapot) // an answer the call keeps: no retry, no backup
	}))
	defer srv.Close()
	host := srv.Listener.Addr().String()
	c := client.New(client.WithBaseURL(srv.URL + `/v1\`))
	for _, tc := range []struct{ url, want string }{
		{`/a\b`, "/a/b"},
		{`/a\..\b?q=\#f\g`, `/b?q=\`},
		{`users\7`, "/v1/users/7"},
		{`http://` + host + `\x\..\y`, "/y"},
		{`HTTP:\\` + host + `\z`, "/z"},
		{`\\` + host + `\net`, "/net"},
		{"/redirect", "/from-location"},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		resp, err := c.Request(ctx, client.Option{URL: tc.url, RetryTimes: client.NoRetry})
		cancel()
		if err != nil || resp.StatusCode != http.StatusTeapot {
			t.Errorf("%q: %v", tc.url, err)
			continue
		}
		var last string
		for len(got) > 0 {
			last = <-got
		}
		if want := host + " " + tc.want; last != want {
			t.Errorf("%q: the server got %q, want %q", tc.url, last, want)
		}
	}
	for _, u := range []string{
		`http://` + host + `\@evil.test/x`,
		`http://s3cr\et@` + host + `/x`,
		`\\tok\en@` + host + `/x`,
	} {
		resp, err := c.Request(context.Background(), client.Option{URL: u, RetryTimes: client.NoRetry, Mode: client.ModeCORS})
		if !errors.Is(err, client.ErrInvalidURL) || len(got) != 0 {
			t.Errorf("%q: %v (status %d, %d requests); want ErrInvalidURL before any I/O", u, err, resp.StatusCode, len(got))
		}
		for len(got) > 0 {
			<-got
		}
		if err != nil && strings.Contains(err.Error(), "s3cr") {
			t.Errorf("%q: the error quotes the userinfo: %v", u, err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	resp, err := c.Request(ctx, client.Option{URL: "/primary", Backup: []string{`/b\x`}, DataCheck: func(r *client.Response) bool {
		return r.StatusCode != http.StatusTeapot || !strings.HasSuffix(r.URL, "/primary")
	}})
	if err != nil || !strings.HasSuffix(resp.URL, "/b/x") {
		t.Errorf("backup: %v, answered by %q; want /b/x", err, resp.URL)
	}
}
