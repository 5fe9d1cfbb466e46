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

// The default jar keys a non-ASCII host by its raw Punycode (what
// net/http/cookiejar does), while net/http dials the host's IDNA (UTS 46)
// mapping: a cookie the dialed host set would be kept under another, real
// ASCII host's name and sent to that host. The client now maps the host as
// fetch does before any layer or the jar sees it (\u212Aey.test is
// key.test), and refuses those raw Punycode spellings (a label that
// decodes to a code point UTS #46 maps, K or Ä, is no valid label), as
// fetch refuses them: no request goes to them at all.
func TestJarKeysNonASCIIHostsAsTheTransportDials(t *testing.T) {
	// key.test (Kelvin sign) and äpi.test are the API; their raw Punycode
	// spellings are other hosts.
	sessionCrossesHosts(t, []string{"key.test", "xn--pi-uia.test"},
		[][2]string{{"\u212Aey.test", "xn--ey-0qu.test"}, {"\u00C4PI.test", "xn--pi-3fa.test"}})
}

// net/http dials "svc.prod." (a rooted name: no search list) and "svc.prod"
// (search list first under ndots>1, e.g. Kubernetes' ndots:5) as two names;
// cookiejar strips a trailing dot and would file both under one host, so
// the session svc.prod set would go to whoever answers svc.prod. (The
// client's own Origin keeps them apart: they are two origins.)
func TestJarKeepsATrailingDotHostApart(t *testing.T) {
	sessionCrossesHosts(t, []string{"svc.prod"}, [][2]string{{"svc.prod", "svc.prod."}})
}

// sessionCrossesHosts calls, with Credentials include, each pair's first
// host (its /login sets a session cookie) and then its second; the
// transport dials the names in api to the server that sets the cookie and
// every other name to another. That other server must get no session. A
// second host the client refuses (ErrInvalidURL, before any request) gets
// nothing either.
func sessionCrossesHosts(t *testing.T, api []string, pairs [][2]string) {
	t.Helper()
	apiSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "sid", Value: "SEKRET-SESSION", Path: "/"})
		io.WriteString(w, `{}`)
	}))
	defer apiSrv.Close()
	var mu sync.Mutex
	var got []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Host+" Cookie="+r.Header.Get("Cookie"))
		mu.Unlock()
		io.WriteString(w, `{}`)
	}))
	defer other.Close()
	apiAddr := strings.TrimPrefix(apiSrv.URL, "http://")
	_, port, _ := net.SplitHostPort(apiAddr)
	tr := &http.Transport{DisableKeepAlives: true, DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		h, _, _ := net.SplitHostPort(addr)
		for _, a := range api {
			if h == a {
				return d.DialContext(ctx, network, apiAddr)
			}
		}
		return d.DialContext(ctx, network, strings.TrimPrefix(other.URL, "http://"))
	}}
	c := client.New(client.WithTransport(tr))
	refused := 0
	for _, pair := range pairs {
		for i, raw := range []string{"http://" + pair[0] + ":" + port + "/login", "http://" + pair[1] + ":" + port + "/"} {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			_, err := c.Request(ctx, client.Option{URL: raw, Credentials: client.CredentialsInclude, Mode: client.ModeCORS, RetryTimes: client.NoRetry})
			cancel()
			if i == 1 && errors.Is(err, client.ErrInvalidURL) {
				refused++
				continue
			}
			if err != nil {
				t.Fatalf("%q: %v", raw, err)
			}
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) == 0 && refused < len(pairs) {
		t.Fatal("no other host was dialed")
	}
	for _, g := range got {
		if strings.Contains(g, "SEKRET") {
			t.Errorf("another host got the session the dialed host set: %s", g)
		}
	}
}
