package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// next is the next request line, or fails the test after 5 s.
func next(t *testing.T, lines <-chan string) string {
	t.Helper()
	select {
	case l := <-lines:
		return l
	case <-time.After(5 * time.Second):
		t.Fatal("no request line in 5 s")
		return ""
	}
}

// A query is sent as a browser sends it (WHATWG URL: space, quotes, < >
// and non-ASCII percent-encoded, escapes kept, '#' starting the fragment),
// whether it comes in the URL or as string data, to the primary and to a
// backup: sent raw, a space breaks the request line (400).
func TestQueryEscapedAsABrowserSendsIt(t *testing.T) {
	srv := newRawServer(t, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
	base, lines := srv.URL, srv.Lines
	c := client.New(client.WithBaseURL(base))
	for _, tc := range []struct {
		opt  client.Option
		want string
	}{
		{client.Option{URL: "/json?q=a b"}, "GET /json?q=a%20b HTTP/1.1"},
		{client.Option{URL: "/json", Data: "a=x y"}, "GET /json?a=x%20y HTTP/1.1"},
		{client.Option{URL: "/json?q=中"}, "GET /json?q=%E4%B8%AD HTTP/1.1"},
		{client.Option{URL: "/json", Data: `q="x"<y>'z'`}, "GET /json?q=%22x%22%3Cy%3E%27z%27 HTTP/1.1"},
		{client.Option{URL: "/json?a=%20&b=1+2", Data: "c=d e#frag"}, "GET /json?a=%20&b=1+2&c=d%20e HTTP/1.1"},
		{client.Option{URL: "/json", Data: map[string]any{"q": "a b"}}, "GET /json?q=a%20b HTTP/1.1"},
		{client.Option{URL: "/json?plain=1", Data: "k=v"}, "GET /json?plain=1&k=v HTTP/1.1"},
	} {
		if _, err := c.Request(context.Background(), tc.opt); err != nil {
			t.Fatalf("%+v: %v", tc.opt, err)
		}
		if got := next(t, lines); got != tc.want {
			t.Errorf("URL %q, Data %v: request line %q, want %q", tc.opt.URL, tc.opt.Data, got, tc.want)
		}
	}
	// A backup gets the data as the primary does.
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery != "q=a%20b" {
			t.Errorf("primary got the query %q", r.URL.RawQuery)
		}
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer down.Close()
	if _, err := client.New().Request(context.Background(), client.Option{URL: down.URL + "/x", Data: "q=a b",
		Mode: client.ModeCORS, RetryTimes: 1, Backup: []string{base + "/backup"}}); err != nil {
		t.Fatal(err)
	}
	if got := next(t, lines); got != "GET /backup?q=a%20b HTTP/1.1" {
		t.Errorf("backup request line %q", got)
	}
}

// A redirect's Location query goes out as a browser sends it too.
func TestRedirectLocationQueryEscaped(t *testing.T) {
	srv := newRawServer(t, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
	from := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", srv.URL+"/next?q=a b'中")
		w.WriteHeader(http.StatusFound)
	}))
	defer from.Close()
	if _, err := client.New().Request(context.Background(), client.Option{URL: from.URL, Mode: client.ModeCORS}); err != nil {
		t.Fatal(err)
	}
	if got := next(t, srv.Lines); got != "GET /next?q=a%20b%27%E4%B8%AD HTTP/1.1" {
		t.Errorf("request line %q", got)
	}
}
