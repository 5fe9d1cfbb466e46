package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A Proxy-Authorization of the caller's on an https request would go inside
// the TLS tunnel, to the origin: refused before any I/O, with an error that
// says where a proxy's credentials go. (On an http request it goes to a
// forward proxy in the request line's request, as net/http sends it.)
func TestProxyAuthorizationOnHTTPSIsRefused(t *testing.T) {
	var got []string
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get("Proxy-Authorization"))
	}))
	defer srv.Close()
	c := client.New(client.WithTransport(srv.Client().Transport))
	_, err := c.Request(context.Background(), client.Option{URL: srv.URL,
		Header: http.Header{"proxy-authorization": {"Basic cHJveHk6cHc="}}})
	if !errors.Is(err, client.ErrInvalidHeader) {
		t.Fatalf("err %v, want ErrInvalidHeader", err)
	}
	if len(got) != 0 {
		t.Fatalf("the origin got %q", got)
	}
}
