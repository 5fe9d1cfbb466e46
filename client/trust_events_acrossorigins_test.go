package client_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// An event stream whose origin fails over to a backup of another origin,
// and one that redirects there, reconnecting with Last-Event-ID: the other
// origin gets none of the user's credentials on any connection, the first
// origin gets them on each.
func TestEventsBackupAndRedirectAcrossOriginsCarryNoCredentials(t *testing.T) {
	var logA, logB hdrLog
	var aURL, bURL string
	var aCalls atomic.Int32
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		logB.add(r)
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprintf(w, "retry: 5\nid: b-%d\ndata: from b\n\n", len(logB.all()))
	}))
	defer b.Close()
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		logA.add(r)
		n := aCalls.Add(1)
		switch r.URL.Path {
		case "/fail":
			w.WriteHeader(503)
		case "/hop":
			if n%2 == 0 {
				http.Redirect(w, r, bURL+"/stream", http.StatusTemporaryRedirect)
				return
			}
			w.Header().Set("Content-Type", "text/event-stream")
			fmt.Fprintf(w, "retry: 5\nid: a-%d\ndata: from a\n\n", n)
		}
	}))
	defer a.Close()
	// Two host names, as cookies are kept per host whatever the port.
	tr := &http.Transport{DialContext: func(ctx context.Context, n, addr string) (net.Conn, error) {
		m := map[string]string{"a.test:80": a.Listener.Addr().String(), "b.test:80": b.Listener.Addr().String()}
		return (&net.Dialer{}).DialContext(ctx, n, m[addr])
	}}
	aURL, bURL = "http://a.test", "http://b.test"
	jar, _ := cookiejar.New(nil)
	ua, _ := url.Parse(aURL)
	jar.SetCookies(ua, []*http.Cookie{{Name: "sid", Value: "cookie-of-alice", Path: "/"}})
	c := client.New(client.WithTransport(tr), client.WithCookieJar(jar), client.WithCredentialHeaders("X-Workspace"))
	defer c.CloseIdleConnections()
	h := http.Header{"Authorization": {"Bearer token-of-alice"}, "X-Workspace": {"ws-of-alice"},
		"X-Api-Key": {"key-of-alice"}}
	for _, opt := range []client.Option{
		{URL: aURL + "/fail?access_token=q-of-alice", Backup: []string{bURL + "/stream"}},
		{URL: aURL + "/hop?access_token=q-of-alice"},
	} {
		opt.Header, opt.Mode, opt.Credentials, opt.RetryTimes = h, client.ModeCORS, client.CredentialsInclude, client.NoRetry
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		n := 0
		for ev, err := range c.Events(ctx, opt) {
			if err != nil {
				t.Fatalf("%s: %v", opt.URL, err)
			}
			if n++; n == 4 {
				break
			}
			_ = ev
		}
		cancel()
	}
	if len(logB.all()) < 3 {
		t.Fatalf("b got %d connections", len(logB.all()))
	}
	for _, r := range logA.all() {
		if r.Header.Get("Authorization") != "Bearer token-of-alice" {
			t.Fatalf("a got no Authorization on a reconnection: %v", r.Header)
		}
	}
	assertNoUserCredentials(t, "b", logB.all(), "token-of-alice", "cookie-of-alice", "ws-of-alice", "key-of-alice", "q-of-alice")
}
