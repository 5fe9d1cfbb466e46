package client_test

import (
	"context"
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
// transport sends the request straight to the origin (no proxy configured,
// or NO_PROXY names the host, or net/http's rule that loopback is never
// proxied), it is not sent at all: the proxy's credential never reaches an
// origin. Through a proxy it still goes to the proxy.
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
	for name, tr := range map[string]*http.Transport{"no proxy": direct, "NO_PROXY": viaProxy} {
		atOrigin = nil
		c := client.New(client.WithTransport(tr))
		resp, err := c.Request(ctx, client.Option{URL: origin.URL + "/direct", Header: h})
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("%s: %v %v", name, resp.StatusCode, err)
		}
		if len(atOrigin) != 1 || atOrigin[0] != "" {
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
