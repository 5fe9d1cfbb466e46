package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// The README's Header row: Host, Content-Length and Transfer-Encoding are
// the transport's (a caller's are not sent, as fetch forbids them), and with
// a body an empty Content-Type counts as none. The taro-diff cases
// tv-header-content-length-wrong and tv-post-string-empty-content-type
// compare the same requests with Taro's.

type seenHop struct {
	host, contentType string
	length            int64
	coding            []string
	body              string
}

func hopServer(t *testing.T) (*httptest.Server, func() seenHop) {
	t.Helper()
	var mu sync.Mutex
	var last seenHop
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		last = seenHop{r.Host, r.Header.Get("Content-Type"), r.ContentLength, r.TransferEncoding, string(b)}
		mu.Unlock()
		_, _ = io.WriteString(w, `{"ok":1}`)
	}))
	t.Cleanup(srv.Close)
	return srv, func() seenHop { mu.Lock(); defer mu.Unlock(); return last }
}

func TestCallersHopHeadersAreNotSent(t *testing.T) {
	srv, last := hopServer(t)
	c := client.New(client.WithBaseURL(srv.URL))
	host := strings.TrimPrefix(srv.URL, "http://")
	for _, h := range []http.Header{
		{"Host": {"other.test"}},
		{"Content-Length": {"10"}},
		{"content-length": {"1"}},
		{"Transfer-Encoding": {"chunked"}},
	} {
		resp, err := c.Request(context.Background(), client.Option{
			URL: "/x", Method: "POST", Data: "a=1", Header: h, RetryTimes: client.NoRetry,
		})
		if err != nil {
			t.Fatalf("%v: %v (%s)", h, err, resp.ErrMsg)
		}
		got := last()
		if got.host != host || got.length != 3 || len(got.coding) != 0 || got.body != "a=1" {
			t.Errorf("%v: the server saw host %q, length %d, coding %v, body %q; want %q, 3, none, %q",
				h, got.host, got.length, got.coding, got.body, host, "a=1")
		}
	}
}

func TestEmptyContentTypeWithBodyCountsAsNone(t *testing.T) {
	srv, last := hopServer(t)
	c := client.New(client.WithBaseURL(srv.URL))
	for _, tc := range []struct {
		data any
		body string
	}{
		{"a=1", "a=1"},
		{map[string]any{"a": 1}, `{"a":1}`},
	} {
		resp, err := c.Request(context.Background(), client.Option{
			URL: "/x", Method: "POST", Data: tc.data, Header: http.Header{"Content-Type": {""}},
		})
		if err != nil {
			t.Fatalf("%T: %v (%s)", tc.data, err, resp.ErrMsg)
		}
		if got := last(); got.contentType != "application/json" || got.body != tc.body {
			t.Errorf("%T: sent Content-Type %q, body %q; want the default application/json, %q",
				tc.data, got.contentType, got.body, tc.body)
		}
	}
}
