package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/transports"
)

// A Proxy-Authorization of the caller's on an http request is for a
// forward proxy, which gets it in the request it forwards. When the
// transport would send the request straight to the origin (no proxy
// configured, NO_PROXY names the host, net/http's rule that loopback is
// never proxied, or a SOCKS proxy, which forwards the bytes), the call
// fails with ErrInvalidHeader before any I/O: the proxy's credential never
// reaches an origin. Through an HTTP proxy it still goes to the proxy.
func TestProxyAuthorizationIsNotSentWithoutAProxy(t *testing.T) {
	var atOrigin []string
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		atOrigin = append(atOrigin, r.Header.Get("Proxy-Authorization"))
		w.Write([]byte(`{}`))
	}))
	defer origin.Close()
	var atProxy []string
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		atProxy = append(atProxy, r.Header.Get("Proxy-Authorization"))
		w.Write([]byte(`{}`))
	}))
	defer proxy.Close()
	pu, _ := url.Parse(proxy.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	h := http.Header{"Proxy-Authorization": {"Basic cHJveHk6U0VLUkVU"}}

	direct := transports.Default()
	direct.Proxy = nil // the default's ProxyFromEnvironment never proxies loopback anyway
	viaProxy := transports.Default()
	viaProxy.Proxy = func(r *http.Request) (*url.URL, error) {
		if strings.HasPrefix(r.URL.Path, "/direct") { // as NO_PROXY would
			return nil, nil
		}
		return pu, nil
	}
	socks := transports.Default()
	socks.Proxy = func(*http.Request) (*url.URL, error) { return url.Parse("socks5://127.0.0.1:1") }
	for name, tr := range map[string]*http.Transport{"no proxy": direct, "NO_PROXY": viaProxy, "SOCKS": socks} {
		atOrigin = nil
		c := client.New(client.WithTransport(tr))
		_, err := c.Request(ctx, client.Option{URL: origin.URL + "/direct", Header: h})
		if !errors.Is(err, client.ErrInvalidHeader) {
			t.Errorf("%s: %v, want ErrInvalidHeader", name, err)
		}
		if len(atOrigin) != 0 {
			t.Errorf("%s: the origin got Proxy-Authorization %q", name, atOrigin)
		}
		tr.CloseIdleConnections()
	}
	c := client.New(client.WithTransport(viaProxy))
	if _, err := c.Request(ctx, client.Option{URL: "http://api.example/proxied", Header: h}); err != nil {
		t.Fatal(err)
	}
	if len(atProxy) != 1 || atProxy[0] != h.Get("Proxy-Authorization") {
		t.Errorf("the proxy got Proxy-Authorization %q, want the caller's", atProxy)
	}
}
