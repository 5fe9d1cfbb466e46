package client_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// hostLog records what each request reached a server with, by the name
// the client dialed it under (the Host header).
type hostLog struct {
	mu   sync.Mutex
	seen []string // "host path: header lines"
}

func (l *hostLog) add(r *http.Request) {
	var b strings.Builder
	for k, vs := range r.Header {
		b.WriteString(k + "=" + strings.Join(vs, ",") + ";")
	}
	l.mu.Lock()
	l.seen = append(l.seen, r.Host+" "+r.URL.RequestURI()+" "+b.String())
	l.mu.Unlock()
}

func (l *hostLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.seen...)
}

// A call's credentials (Authorization, a Cookie header, a jar's cookie, a
// WithCredentialHeaders name, a secret-named header) and its Referer never
// reach another origin by a redirect, whatever spelling names it: another
// host of one server (localhost for 127.0.0.1, [::1]), another port, a
// localhost in capitals, the scheme-relative form; nor the first
// origin again once the chain left it. A same-origin hop spelled otherwise
// (upper case, the default port written out) keeps them.
func TestRedirectSpellingsOfAnotherOriginGetNoCredential(t *testing.T) {
	log := &hostLog{}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.add(r)
		if r.URL.Path == "/login" {
			http.SetCookie(w, &http.Cookie{Name: "jarsid", Value: "J-SECRET", Path: "/"})
		}
		if to := r.URL.Query().Get("to"); to != "" {
			w.Header().Set("Location", to)
			w.WriteHeader(http.StatusTemporaryRedirect)
			return
		}
		w.Write([]byte(`{}`))
	})
	a := httptest.NewServer(handler)
	t.Cleanup(a.Close)
	other := httptest.NewServer(handler)
	t.Cleanup(other.Close)
	port := strings.TrimPrefix(a.URL, "http://127.0.0.1:")
	targets := []string{
		"http://localhost:" + port + "/t",
		other.URL + "/t",
		"http://LocalHost:" + port + "/t",
		"//localhost:" + port + "/t",
		"http://127.0.0.1:" + port + "@localhost:" + port + "/t",
	}
	if l, err := net.Listen("tcp6", "[::1]:0"); err == nil {
		v6 := httptest.NewUnstartedServer(handler)
		v6.Listener.Close()
		v6.Listener = l
		v6.Start()
		t.Cleanup(v6.Close)
		targets = append(targets, v6.URL+"/t")
	}
	secrets := []string{"A-SECRET", "C-SECRET", "J-SECRET", "W-SECRET", "K-SECRET", "Referer"}
	// The client's own jar, which keeps ports apart (a jar of
	// WithCookieJar is used as it is: net/http's sends a cookie to every
	// port of its host, as RFC 6265 has it).
	c := client.New(client.WithBaseURL(a.URL), client.WithCredentialHeaders("X-Workspace"))
	header := http.Header{"Authorization": {"Bearer A-SECRET"}, "Cookie": {"sid=C-SECRET"},
		"X-Workspace": {"W-SECRET"}, "X-Api-Key": {"K-SECRET"}, "Referer": {a.URL + "/page"}}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := c.Request(ctx, client.Option{URL: "/login", Credentials: client.CredentialsInclude}); err != nil {
		t.Fatal(err)
	}
	for _, to := range targets {
		for _, mode := range []client.Credentials{client.CredentialsInclude, client.CredentialsSameOrigin} {
			for _, back := range []bool{false, true} {
				target := to
				if back { // there and back to the first origin
					target = to + "?to=" + url.QueryEscape(a.URL+"/back")
				}
				before := len(log.all())
				_, err := c.Request(ctx, client.Option{URL: "/start?to=" + url.QueryEscape(target), Header: header.Clone(),
					Mode: client.ModeCORS, Credentials: mode, RetryTimes: client.NoRetry})
				got := log.all()[before:]
				if len(got) == 0 || err == nil && len(got) < 2 {
					t.Fatalf("to %s: no hop (%v): %q", target, err, got)
				}
				for _, s := range got[1:] { // every hop after the first request
					for _, secret := range secrets {
						if secret == "J-SECRET" && mode == client.CredentialsInclude && strings.HasPrefix(s, "127.0.0.1:"+port+" /back") {
							continue // include: the jar's cookie goes to its origin, as fetch sends it
						}
						if strings.Contains(s, secret) {
							t.Errorf("to %s (%s, err %v): a hop carried %s: %s", target, mode, err, secret, s)
						}
					}
				}
			}
		}
	}
	// The control: one origin spelled otherwise keeps the credentials.
	for _, same := range []string{"HTTP://127.0.0.1:" + port + "/t", "/t"} {
		before := len(log.all())
		if _, err := c.Request(ctx, client.Option{URL: "/start?to=" + url.QueryEscape(same), Header: header.Clone(),
			Credentials: client.CredentialsInclude, RetryTimes: client.NoRetry}); err != nil {
			t.Fatal(err)
		}
		got := log.all()[before:]
		if len(got) != 2 || !strings.Contains(got[1], "A-SECRET") || !strings.Contains(got[1], "J-SECRET") {
			t.Errorf("to %s, of the same origin: %q", same, got)
		}
	}
}

// The same through c.Transport() in a plain http.Client without the
// client's CheckRedirect: net/http copies Authorization and Cookie to
// another port of one host, and X-Workspace, X-Api-Key and its Referer to
// any host; the client's bottom layer keeps them from another origin than
// the first request's, on every hop after it.
func TestPlainClientRedirectSpellingsGetNoCredential(t *testing.T) {
	log := &hostLog{}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.add(r)
		if to := r.URL.Query().Get("to"); to != "" {
			w.Header().Set("Location", to)
			w.WriteHeader(http.StatusTemporaryRedirect)
			return
		}
		w.Write([]byte(`{}`))
	})
	a := httptest.NewServer(handler)
	t.Cleanup(a.Close)
	other := httptest.NewServer(handler)
	t.Cleanup(other.Close)
	port := strings.TrimPrefix(a.URL, "http://127.0.0.1:")
	c := client.New(client.WithBaseURL(a.URL), client.WithCredentialHeaders("X-Workspace"))
	for _, check := range []bool{false, true} {
		hc := &http.Client{Transport: c.Transport(), Timeout: 10 * time.Second}
		if check {
			hc.CheckRedirect = c.CheckRedirect
		}
		for _, to := range []string{"http://localhost:" + port + "/t", other.URL + "/t", "//localhost:" + port + "/t"} {
			for _, back := range []bool{false, true} {
				target := to
				if back {
					target = to + "?to=" + url.QueryEscape(a.URL+"/back")
				}
				req, _ := http.NewRequest(http.MethodGet, a.URL+"/start?to="+url.QueryEscape(target), nil)
				req.Header = http.Header{"Authorization": {"Bearer A-SECRET"}, "Cookie": {"sid=C-SECRET"},
					"X-Workspace": {"W-SECRET"}, "X-Api-Key": {"K-SECRET"}}
				before := len(log.all())
				if resp, err := hc.Do(req); err == nil {
					resp.Body.Close()
				}
				got := log.all()[before:]
				if len(got) < 2 {
					t.Fatalf("to %s: %q", target, got)
				}
				for _, s := range got[1:] {
					if !check && strings.HasPrefix(s, "127.0.0.1:"+port+" /back") {
						continue // net/http's rules: its first origin's hop gets them
					}
					for _, secret := range []string{"A-SECRET", "C-SECRET", "W-SECRET", "K-SECRET", "Referer"} {
						if strings.Contains(s, secret) {
							t.Errorf("to %s (CheckRedirect %v): a hop carried %s: %s", target, check, secret, s)
						}
					}
				}
			}
		}
	}
}

// A backup spelled as another origin of the same server (localhost for
// 127.0.0.1, [::1], another port, localhost in capitals) gets
// none of the call's credentials, its jar's cookie of the first origin,
// nor its secret-named query data; the rest of the data goes.
func TestBackupSpellingsOfAnotherOriginGetNoCredential(t *testing.T) {
	log := &hostLog{}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.add(r)
		switch r.URL.Path {
		case "/login":
			http.SetCookie(w, &http.Cookie{Name: "jarsid", Value: "J-SECRET", Path: "/"})
		case "/fail":
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte(`{}`))
	})
	a := httptest.NewServer(handler)
	t.Cleanup(a.Close)
	other := httptest.NewServer(handler)
	t.Cleanup(other.Close)
	port := strings.TrimPrefix(a.URL, "http://127.0.0.1:")
	backups := []string{"http://localhost:" + port + "/b", other.URL + "/b", "http://LOCALHOST:" + port + "/b"}
	if l, err := net.Listen("tcp6", "[::1]:0"); err == nil {
		v6 := httptest.NewUnstartedServer(handler)
		v6.Listener.Close()
		v6.Listener = l
		v6.Start()
		t.Cleanup(v6.Close)
		backups = append(backups, v6.URL+"/b")
	}
	c := client.New(client.WithBaseURL(a.URL), client.WithCredentialHeaders("X-Workspace"))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := c.Request(ctx, client.Option{URL: "/login", Credentials: client.CredentialsInclude}); err != nil {
		t.Fatal(err)
	}
	for _, b := range backups {
		for _, mode := range []client.Credentials{client.CredentialsInclude, client.CredentialsSameOrigin} {
			before := len(log.all())
			r, err := c.Request(ctx, client.Option{URL: "/fail", Backup: []string{b}, Mode: client.ModeCORS, Credentials: mode,
				Data: map[string]any{"access_token": "Q-SECRET", "page": 2}, RetryTimes: client.NoRetry,
				Header: http.Header{"Authorization": {"Bearer A-SECRET"}, "Cookie": {"sid=C-SECRET"},
					"X-Workspace": {"W-SECRET"}, "X-Api-Key": {"K-SECRET"}, "Referer": {a.URL + "/page"}}})
			got := log.all()[before:]
			if err != nil || len(got) != 2 || !strings.Contains(got[1], "page=2") {
				t.Fatalf("backup %s (%s): %v, %q", b, mode, err, got)
			}
			if r.StatusCode != http.StatusOK {
				t.Fatalf("backup %s: status %d", b, r.StatusCode)
			}
			for _, secret := range []string{"A-SECRET", "C-SECRET", "J-SECRET", "W-SECRET", "K-SECRET", "Q-SECRET", "Referer"} {
				if strings.Contains(got[1], secret) {
					t.Errorf("backup %s (%s) got %s: %s", b, mode, secret, got[1])
				}
			}
		}
	}
}
