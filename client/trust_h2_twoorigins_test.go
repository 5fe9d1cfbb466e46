package client_test

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// h2Origins serves https://a.example.com and https://b.example.com from one
// HTTP/2 TLS server (one certificate, *.example.com), as a CDN does, so the
// two origins share an address and a certificate: what one user sends to a
// must never reach b, on any connection.
type h2Origins struct {
	srv  *httptest.Server
	logA hdrLog
	logB hdrLog
	tr   *http.Transport
}

func newH2Origins(t *testing.T, h func(w http.ResponseWriter, r *http.Request)) *h2Origins {
	o := &h2Origins{}
	o.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ProtoMajor != 2 {
			http.Error(w, "want HTTP/2", 505)
			return
		}
		switch strings.Split(r.Host, ":")[0] {
		case "a.example.com":
			o.logA.add(r)
		case "b.example.com":
			o.logB.add(r)
		}
		h(w, r)
	}))
	o.srv.EnableHTTP2 = true
	o.srv.StartTLS()
	t.Cleanup(o.srv.Close)
	base := o.srv.Client().Transport.(*http.Transport)
	addr := o.srv.Listener.Addr().String()
	o.tr = &http.Transport{
		TLSClientConfig:   &tls.Config{RootCAs: base.TLSClientConfig.RootCAs},
		ForceAttemptHTTP2: true,
		DialContext: func(ctx context.Context, n, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, n, addr)
		},
	}
	t.Cleanup(o.tr.CloseIdleConnections)
	return o
}

func assertNoUserCredentials(t *testing.T, where string, reqs []*http.Request, secrets ...string) {
	t.Helper()
	for _, r := range reqs {
		for k, vs := range r.Header {
			for _, v := range vs {
				for _, s := range secrets {
					if strings.Contains(v, s) {
						t.Errorf("%s got %s: %q (%s %s)", where, k, v, r.Method, r.URL)
					}
				}
			}
		}
		for _, s := range secrets {
			if strings.Contains(r.URL.String(), s) {
				t.Errorf("%s got %s in the URL %s", where, s, r.URL)
			}
		}
	}
}

// Over HTTP/2, with a and b on one address and one certificate, a redirect
// and a backup from a to b carry none of the user's credentials: the
// Authorization, the jar's cookie for a, a WithCredentialHeaders name.
func TestHTTP2CrossOriginHopAndBackupCarryNoCredentials(t *testing.T) {
	o := newH2Origins(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Host == "a.example.com" && r.URL.Path == "/go":
			http.Redirect(w, r, "https://b.example.com/landing", http.StatusFound)
		case r.Host == "a.example.com" && r.URL.Path == "/down":
			w.WriteHeader(503)
		default:
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"host":%q}`, r.Host)
		}
	})
	jar, _ := cookiejar.New(nil)
	ua, _ := url.Parse("https://a.example.com/")
	jar.SetCookies(ua, []*http.Cookie{{Name: "sid", Value: "cookie-of-alice", Path: "/"}})
	c := client.New(client.WithTransport(o.tr), client.WithCookieJar(jar),
		client.WithCredentialHeaders("X-Workspace"))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	h := http.Header{"Authorization": {"Bearer token-of-alice"}, "X-Workspace": {"ws-of-alice"}}
	for _, opt := range []client.Option{
		{URL: "https://a.example.com/go", Header: h, Mode: client.ModeCORS, Credentials: client.CredentialsInclude},
		{URL: "https://a.example.com/down", Header: h, Mode: client.ModeCORS, Credentials: client.CredentialsInclude,
			Backup: []string{"https://b.example.com/backup?access_token=tok-of-alice-q"}},
	} {
		resp, err := c.Request(ctx, opt)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("%s: %v (%s)", opt.URL, err, resp.ErrMsg)
		}
	}
	if len(o.logA.all()) == 0 || len(o.logB.all()) != 2 {
		t.Fatalf("a got %d, b got %d requests", len(o.logA.all()), len(o.logB.all()))
	}
	for _, r := range o.logA.all() {
		if r.Header.Get("Authorization") != "Bearer token-of-alice" || !strings.Contains(r.Header.Get("Cookie"), "cookie-of-alice") {
			t.Fatalf("a did not get alice's credentials: %v", r.Header)
		}
	}
	assertNoUserCredentials(t, "b", o.logB.all(), "token-of-alice", "cookie-of-alice", "ws-of-alice")
}

// Two users of one client, over HTTP/2 (one connection multiplexes both),
// with the store and the HTTP cache: each gets the answer made for them,
// and the anonymous caller neither's.
func TestHTTP2TwoUsersStoreAndCacheStayApart(t *testing.T) {
	o := newH2Origins(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Vary", "Accept-Encoding")
		fmt.Fprintf(w, `{"me":%q,"ws":%q}`, r.Header.Get("Authorization"), r.Header.Get("X-Workspace"))
	})
	c := client.New(client.WithTransport(o.tr), client.WithHTTPCache(), client.WithCredentialHeaders("X-Workspace"),
		client.WithBaseURL("https://a.example.com"))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	users := []http.Header{
		{"Authorization": {"Bearer alice"}},
		{"Authorization": {"Bearer bob"}},
		{"X-Workspace": {"ws-carol"}},
		{"X-Workspace": {"ws-dave"}},
		nil,
	}
	want := func(h http.Header) string {
		return fmt.Sprintf(`{"me":%q,"ws":%q}`, h.Get("Authorization"), h.Get("X-Workspace"))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 200)
	for round := range 4 {
		for i, h := range users {
			wg.Add(1)
			go func() {
				defer wg.Done()
				opt := client.Option{URL: "/me", Header: h, DataType: "text", UseStore: round%2 == 0}
				resp, err := c.Request(ctx, opt)
				if err != nil {
					errs <- fmt.Sprintf("user %d: %v", i, err)
					return
				}
				if got, _ := resp.Data.(string); got != want(h) {
					errs <- fmt.Sprintf("user %d round %d got %s, want %s", i, round, got, want(h))
				}
			}()
		}
		wg.Wait()
	}
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
