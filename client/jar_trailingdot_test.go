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

// net/http dials "svc.prod." (a rooted name: no search list) and "svc.prod"
// (search list first under ndots>1, e.g. Kubernetes' ndots:5) as two names;
// the default jar (cookiejar strips a trailing dot) files both under one
// host, so the session svc.prod set is sent to whoever answers svc.prod.
// (client's own Origin keeps them apart: they are two origins.)
func TestJarKeepsATrailingDotHostApart(t *testing.T) {
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
	tr := &http.Transport{DisableKeepAlives: true, DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		h, _, _ := net.SplitHostPort(addr)
		if h == "svc.prod" { // the internal service
			return d.DialContext(ctx, network, apiAddr)
		}
		return d.DialContext(ctx, network, strings.TrimPrefix(other.URL, "http://")) // svc.prod. : the public name
	}}
	c := client.New(client.WithTransport(tr))
	for _, raw := range []string{"http://svc.prod:" + port + "/login", "http://svc.prod.:" + port + "/"} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_, err := c.Request(ctx, client.Option{URL: raw, Credentials: client.CredentialsInclude, Mode: client.ModeCORS, RetryTimes: client.NoRetry})
		cancel()
		if err != nil {
			t.Fatalf("%q: %v", raw, err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) == 0 {
		t.Fatal("svc.prod. was not dialed apart")
	}
	for _, g := range got {
		if strings.Contains(g, "SEKRET") {
			t.Errorf("svc.prod. got the session svc.prod set: %s", g)
		}
	}
}
