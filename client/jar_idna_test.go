package client_test

import (
	"context"
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

// The default jar keys a non-ASCII host by its raw Punycode (what
// net/http/cookiejar does), while net/http dials the host's IDNA (UTS 46)
// mapping: a cookie the dialed host set is kept under another, real ASCII
// host's name and sent to that host.
func TestJarKeysNonASCIIHostsAsTheTransportDials(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "sid", Value: "SEKRET-SESSION", Path: "/"})
		io.WriteString(w, `{}`)
	}))
	defer api.Close()
	var mu sync.Mutex
	var got []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Host+" Cookie="+r.Header.Get("Cookie"))
		mu.Unlock()
		io.WriteString(w, `{}`)
	}))
	defer other.Close()
	apiAddr := strings.TrimPrefix(api.URL, "http://")
	_, port, _ := net.SplitHostPort(apiAddr)
	var dials []string
	tr := &http.Transport{DisableKeepAlives: true, DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		h, _, _ := net.SplitHostPort(addr)
		mu.Lock()
		dials = append(dials, h)
		mu.Unlock()
		if h == "key.test" || h == "xn--pi-uia.test" { // key.test, äpi.test
			return d.DialContext(ctx, network, apiAddr)
		}
		return d.DialContext(ctx, network, strings.TrimPrefix(other.URL, "http://"))
	}}
	c := client.New(client.WithTransport(tr))
	for _, pair := range [][2]string{{"\u212Aey.test", "xn--ey-0qu.test"}, {"\u00C4PI.test", "xn--pi-3fa.test"}} {
		for _, raw := range []string{"http://" + pair[0] + ":" + port + "/login", "http://" + pair[1] + ":" + port + "/"} {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			_, err := c.Request(ctx, client.Option{URL: raw, Credentials: client.CredentialsInclude, Mode: client.ModeCORS, RetryTimes: client.NoRetry})
			cancel()
			if err != nil {
				t.Fatalf("%q: %v", raw, err)
			}
		}
	}
	mu.Lock()
	defer mu.Unlock()
	t.Logf("dials %q", dials)
	for _, g := range got {
		if strings.Contains(g, "SEKRET") {
			t.Errorf("another host got the session the dialed host set: %s", g)
		}
	}
}
