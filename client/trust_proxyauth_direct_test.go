package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/backup"
)

// A call whose URL goes through a forward proxy may carry the proxy's
// Proxy-Authorization. A backup that the transport sends direct (another
// host, no proxy for it) got it under backup.WithCredentialsAcrossOrigins
// (which keeps it from an https backup only), and so did a request through
// c.Transport(): the proxy's credential reached an origin. The client's
// bottom layer now drops it from any request its transport sends to no
// proxy.
func TestProxyAuthorizationNeverReachesADirectOrigin(t *testing.T) {
	var mu sync.Mutex
	var direct, atProxy []string
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		direct = append(direct, r.URL.Path+" "+r.Header.Get("Proxy-Authorization")+" "+r.Header.Get("Authorization"))
		mu.Unlock()
		_, _ = w.Write([]byte(`{}`))
	}))
	defer origin.Close()
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		atProxy = append(atProxy, r.Header.Get("Proxy-Authorization"))
		mu.Unlock()
		w.WriteHeader(http.StatusServiceUnavailable) // the primary fails: the backup is tried
	}))
	defer proxy.Close()
	pu, _ := url.Parse(proxy.URL)
	tr := &http.Transport{Proxy: func(r *http.Request) (*url.URL, error) {
		if r.URL.Hostname() == "api.example.test" {
			return pu, nil // the API through the proxy; anything else direct
		}
		return nil, nil
	}}
	defer tr.CloseIdleConnections()
	c := client.New(client.WithTransport(tr), client.WithBackup(backup.WithCredentialsAcrossOrigins()))
	h := http.Header{"Proxy-Authorization": {"Basic cHJveHk6cHc="}, "Authorization": {"Bearer a"}}
	resp, err := c.Request(context.Background(), client.Option{URL: "http://api.example.test/x", Backup: []string{origin.URL + "/b"},
		Header: h, Mode: client.ModeCORS, RetryTimes: client.NoRetry})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("%v, status %d", err, resp.StatusCode)
	}
	// A plain http.Client over the client's stack, straight to the origin.
	req, _ := http.NewRequest(http.MethodGet, origin.URL+"/plain", nil)
	req.Header = http.Header{"proxy-authorization": {"Basic cHJveHk6cHc="}}
	hr, err := (&http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	hr.Body.Close()
	mu.Lock()
	defer mu.Unlock()
	if len(atProxy) != 1 || atProxy[0] != "Basic cHJveHk6cHc=" {
		t.Errorf("the proxy got %q, want the caller's Proxy-Authorization once", atProxy)
	}
	want := []string{"/b  Bearer a", "/plain  "} // the backup keeps the credentials it was allowed
	if len(direct) != 2 || direct[0] != want[0] || direct[1] != want[1] {
		t.Errorf("the direct origin got %q, want %q: no Proxy-Authorization", direct, want)
	}
}
