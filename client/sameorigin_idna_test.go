package client_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// idnaPair is an API server at http://api.test:<port> and another server
// that every other host name dials (the transport's own dial, after its
// IDNA mapping of the host): the truth of where a request goes.
func idnaPair(t *testing.T) (c *client.Client, port string, otherAuth func() []string) {
	t.Helper()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `{"s":"api"}`) }))
	t.Cleanup(api.Close)
	var mu sync.Mutex
	var auths []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		auths = append(auths, r.Header.Get("Authorization"))
		mu.Unlock()
		io.WriteString(w, `{"s":"other"}`)
	}))
	t.Cleanup(other.Close)
	apiAddr := strings.TrimPrefix(api.URL, "http://")
	_, port, _ = net.SplitHostPort(apiAddr)
	tr := &http.Transport{DisableKeepAlives: true, DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		if h, _, _ := net.SplitHostPort(addr); strings.EqualFold(h, "api.test") {
			return d.DialContext(ctx, network, apiAddr)
		}
		return d.DialContext(ctx, network, strings.TrimPrefix(other.URL, "http://"))
	}}
	c = client.New(client.WithBaseURL("http://api.test:"+port), client.WithTransport(tr))
	return c, port, func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), auths...) }
}

// SameOrigin folds the host with strings.ToLower, which maps U+0130 (İ) to
// an ASCII 'i'; the transport maps the host by IDNA (UTS 46), which makes
// it "i̇" and dials xn--api-bec.test: "http://apİ.test" must not be the
// API's origin to SameOrigin (nor to Mode same-origin), or the README
// interceptor hands the API's token to another host.
func TestSameOriginAgreesWithTheHostTheTransportDials(t *testing.T) {
	c, port, otherAuth := idnaPair(t)
	c.AddInterceptor(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		if !c.SameOrigin(opt.URL) { // the README sample
			return proceed(ctx, opt)
		}
		h := http.Header{"Authorization": {"Bearer API-TOKEN"}}
		for k, v := range opt.Header {
			h[k] = v
		}
		opt.Header = h
		return proceed(ctx, opt)
	})
	for _, raw := range []string{"http://ap\u0130.test:" + port + "/x", "http://ap%C4%B0.test:" + port + "/x"} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		resp, err := c.Request(ctx, client.Option{URL: raw, RetryTimes: client.NoRetry}) // default Mode same-origin
		cancel()
		if err != nil {
			// Another host than the API's: refused by Mode same-origin, as
			// SameOrigin says too.
			if !errors.Is(err, client.ErrCrossOrigin) || c.SameOrigin(raw) {
				t.Fatalf("%q: %v (SameOrigin %v)", raw, err, c.SameOrigin(raw))
			}
			continue
		}
		m, _ := resp.Data.(map[string]any)
		if m["s"] == "other" && c.SameOrigin(raw) {
			t.Errorf("%q: SameOrigin says the API's origin, Mode same-origin let it through, and it went to another host with Authorization %q",
				raw, otherAuth())
		}
	}
}

// SameOrigin resolves a URL as the client resolves an Option's: a
// network-path reference, a scheme whose "://" a tab splits (fetch removes
// it), another port or scheme are other origins; a relative path and the
// base's own origin in any case are its.
func TestSameOriginResolvesAsTheClient(t *testing.T) {
	c := client.New(client.WithBaseURL("https://api.test/v1/"))
	for raw, want := range map[string]bool{
		"/users": true, "users": true, "?q=1": true, "https://API.test/x": true, "https://api.test:443/x": true,
		"//other.test/x": false, "https:/\t/other.test/x": false, "http://api.test/x": false,
		"https://api.test:8443/x": false, "https://user:pw@other.test/": false, "": false, "ftp://api.test/": false,
	} {
		if got := c.SameOrigin(raw); got != want {
			t.Errorf("SameOrigin(%q) = %v, want %v", raw, got, want)
		}
	}
	if client.New().SameOrigin("/x") {
		t.Error("a client without a base URL has no origin")
	}
}
