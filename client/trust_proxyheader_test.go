package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
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

// On an http request, a Proxy-Authorization of the caller's reaches a
// forward proxy only when the transport uses one for the URL; sent direct
// (no proxy configured, a NO_PROXY host, a loopback host, which
// http.ProxyFromEnvironment never proxies) it reached the origin, the
// proxy's credential with it. Refused before any I/O then, as for https.
func TestProxyAuthorizationWithoutAProxyIsRefused(t *testing.T) {
	var got []string
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get("Proxy-Authorization"))
		_, _ = w.Write([]byte(`{}`))
	}))
	defer origin.Close()
	h := http.Header{"Proxy-Authorization": {"Basic cHJveHk6cHc="}}
	for _, c := range []*client.Client{
		client.New(), // transports.Default: ProxyFromEnvironment, never for loopback
		client.New(client.WithTransport(&http.Transport{})), // no Proxy at all
	} {
		_, err := c.Request(context.Background(), client.Option{URL: origin.URL, Header: h})
		if !errors.Is(err, client.ErrInvalidHeader) {
			t.Fatalf("err %v, want ErrInvalidHeader", err)
		}
		c.CloseIdleConnections()
	}
	if len(got) != 0 {
		t.Fatalf("the origin got Proxy-Authorization %q", got)
	}
	// Through a proxy it goes, to the proxy.
	var atProxy []string
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		atProxy = append(atProxy, r.Header.Get("Proxy-Authorization"))
		_, _ = w.Write([]byte(`{}`))
	}))
	defer proxy.Close()
	pu, _ := url.Parse(proxy.URL)
	tr := &http.Transport{Proxy: http.ProxyURL(pu)}
	defer tr.CloseIdleConnections()
	c := client.New(client.WithTransport(tr))
	if _, err := c.Request(context.Background(), client.Option{URL: "http://api.example.test/x", Header: h}); err != nil {
		t.Fatalf("through a proxy: %v", err)
	}
	if len(atProxy) != 1 || atProxy[0] != "Basic cHJveHk6cHc=" {
		t.Fatalf("the proxy got %q, want the caller's Proxy-Authorization", atProxy)
	}
}
