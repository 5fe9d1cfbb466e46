package client_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// adversarialHosts: a.test is the caller's origin; every other host name dials
// a catch-all server that records what reached it.
type adversarialHosts struct {
	a, elsewhere       *httptest.Server
	aLog, elsewhereLog hdrLog
	tr                 *http.Transport
}

func newAdversarialHosts(t *testing.T, handleA http.HandlerFunc) *adversarialHosts {
	h := &adversarialHosts{}
	h.a = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.aLog.add(r)
		handleA(w, r)
	}))
	t.Cleanup(h.a.Close)
	h.elsewhere = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.elsewhereLog.add(r)
		w.Write([]byte(`{}`))
	}))
	t.Cleanup(h.elsewhere.Close)
	h.tr = &http.Transport{DialContext: func(ctx context.Context, n, addr string) (net.Conn, error) {
		to := h.elsewhere.Listener.Addr().String()
		if strings.EqualFold(addr, "a.test:80") { // host names are case-insensitive
			to = h.a.Listener.Addr().String()
		}
		return (&net.Dialer{}).DialContext(ctx, n, to)
	}}
	t.Cleanup(h.tr.CloseIdleConnections)
	return h
}

var adversarialURLs = []string{
	"http://a.test/x\r\nX-Injected: 1", "http://a.test/x\nX-Injected: 1", "http://a.test/x y", "http://a.test/\x00",
	"http://a.test/x\x7f", "http://user:p%40ss@a.test/x", "http://u%3Ax:p%3A@a.test/", "http://u@x:p@a.test/",
	"http://[::1%25eth0]:80/", "http://[fe80::1%25lo]/x", "http://[fe80::1%lo]/x", "http://a.test/../../etc/passwd",
	"http://a.test/%2e%2e/%2e%2e/x", "/../../x", "../x", "..", "http://bücher.example/x", "http://xn--bcher-kva.example/",
	"http://a.test\u2044evil.example/", "javascript:alert(1)", "JavaScript:alert(1)", "file:///etc/passwd", "file://a.test/etc/passwd",
	"data:text/plain,hi", "data:,x", "//evil.example/x", "///evil.example/x", "evil.example/x", "http://a.test@evil.example/x",
	"http://evil.example\\@a.test/x", "http://a.test\\@evil.example/x", "http:/\\evil.example", "http:\\\\evil.example\\x",
	"\\\\evil.example\\x", "/\\evil.example/x", "http://a.test:99999/", "http://a.test:/x", "  http://a.test/x", "http://a.test/x#@evil.example",
	"HTTP://A.TEST/x", "http://a.test./x", "http://a.test%2F@evil.example/", "http://a.test%00.evil.example/", "ftp://a.test/x",
	"ws://a.test/x", "http://", "http:///x", "http://:80/x", "?q=1", "#frag", "", " ", "\t", "http://a.test/" + strings.Repeat("a", 100000),
	"http://a.test/?access_token=t\r\n", "http://%zz/", "http://a.test/%zz", "http://[::1]x/", "http://a.test:80:80/",
	"http://evil.example#@a.test/", "http://a.test?@evil.example/", "mailto:x@evil.example",
}

// Every bad URL, as the call's URL, a backup and a redirect's Location: a
// clear error or a request, never a panic, never a credential to another
// origin than a.test, and under same-origin no request elsewhere at all.
func TestBadURLsNeverLeakOrPanic(t *testing.T) {
	var loc string
	h := newAdversarialHosts(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/redir":
			w.Header()["Location"] = []string{loc}
			w.WriteHeader(http.StatusFound)
		case "/down":
			w.WriteHeader(503)
		default:
			w.Write([]byte(`{}`))
		}
	})
	c := client.New(client.WithTransport(h.tr), client.WithBaseURL("http://a.test"), client.WithCredentialHeaders("X-Workspace"))
	hdr := http.Header{"Authorization": {"Bearer user-secret"}, "X-Workspace": {"ws-secret"}, "Cookie": {"sid=cookie-secret"}}
	call := func(mode client.Mode, opt client.Option) (*client.Response, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		opt.Header, opt.Mode, opt.RetryTimes, opt.Timeout = hdr, mode, client.NoRetry, time.Second
		return c.Request(ctx, opt)
	}
	for _, mode := range []client.Mode{client.ModeSameOrigin, client.ModeCORS} {
		before := len(h.elsewhereLog.all())
		for _, u := range adversarialURLs {
			for kind, opt := range map[string]client.Option{
				"url":    {URL: u},
				"backup": {URL: "/down", Backup: []string{u}},
				"redir":  {URL: "/redir"},
			} {
				loc = u
				n := len(h.elsewhereLog.all())
				resp, err := call(mode, opt)
				if got := h.elsewhereLog.all()[n:]; len(got) > 0 {
					for _, r := range got {
						if strings.HasPrefix(r.Host, ":") {
							t.Errorf("%s %s %q reached the local machine: Host %q", mode, kind, u, r.Host)
						}
					}
					if kind != "url" { // the call's own URL is the origin the caller named
						assertNoUserCredentials(t, string(mode)+" "+kind+" "+u, got, "user-secret", "ws-secret", "cookie-secret")
					}
				}
				if resp == nil {
					t.Fatalf("%s %s %q: nil Response", mode, kind, u)
				}
				if err == nil && resp.StatusCode == 0 {
					t.Errorf("%s %s %q: no error and no status", mode, kind, u)
				}
			}
		}
		got := h.elsewhereLog.all()[before:]
		if mode == client.ModeSameOrigin && len(got) > 0 {
			for _, r := range got {
				t.Errorf("same-origin: %s reached %s%s", r.Method, r.Host, r.URL)
			}
		}
	}
	for _, r := range h.aLog.all() {
		if r.Header.Get("X-Injected") != "" {
			t.Errorf("a got an injected header from %s", r.URL)
		}
	}
}

// Header names and values and Data names that would split the request, a
// header too big to send: a clear error or a request whose header holds
// only what was given, never a panic or an injected header.
func TestBadHeadersAndDataNames(t *testing.T) {
	h := newAdversarialHosts(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{}`)) })
	c := client.New(client.WithTransport(h.tr), client.WithBaseURL("http://a.test"))
	big := strings.Repeat("b", 2<<20)
	cases := []client.Option{
		{Header: http.Header{"X-A": {"v\r\nX-Injected: 1"}}},
		{Header: http.Header{"X-A": {"v\nX-Injected: 1"}}},
		{Header: http.Header{"X-A": {"v\rX-Injected: 1"}}},
		{Header: http.Header{"X-A\r\nX-Injected": {"1"}}},
		{Header: http.Header{"X A": {"v"}}},
		{Header: http.Header{"": {"v"}}},
		{Header: http.Header{"X-A": {"\x00"}}},
		{Header: http.Header{"X-A": {big}}},
		{Header: http.Header{"Authorization": {"Bearer x\r\nX-Injected: 1"}}},
		{Header: http.Header{"Cookie": {"a=b\r\nX-Injected: 1"}}},
		{Header: http.Header{"Host": {"evil.example"}}},
		{Header: http.Header{"Host": {"evil.example\r\nX-Injected: 1"}}},
		{Header: http.Header{"Content-Type": {"application/json\r\nX-Injected: 1"}}, Method: "POST", Data: map[string]any{"a": 1}},
		{Data: map[string]any{"a\r\nX-Injected: 1": "v"}},
		{Data: map[string]any{"a": "v\r\nX-Injected: 1"}},
		{Data: map[string]any{"a b&c=d#e": "v"}},
		{Data: map[string]any{big: "v"}},
		{Method: "POST", Data: map[string]any{"a\r\nX-Injected: 1": "v"}, Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}},
		{Method: "GET\r\nX-Injected: 1"},
		{Method: "G ET"},
		{Method: "\x00"},
		{DataType: "json\r\nX", ResponseType: "\x00"},
		{JSONP: true, JSONPCallback: "cb\r\nX-Injected: 1"},
		{JSONP: true, JSONPCallback: "</script><script>alert(1)//"},
		{StoreCheckKey: "k\r\n", UseStore: true},
		{Cache: "no-store\r\nX"},
		{Mode: "cors\r\n"},
		{Credentials: "include\x00"},
	}
	for i, opt := range cases {
		if opt.URL == "" {
			opt.URL = "/x"
		}
		opt.RetryTimes, opt.Timeout = client.NoRetry, 2*time.Second
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		resp, err := c.Request(ctx, opt)
		cancel()
		if resp == nil {
			t.Fatalf("case %d: nil Response", i)
		}
		if err == nil && resp.StatusCode != 200 && resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge { // the server's answer to a huge header
			t.Errorf("case %d: no error and status %d", i, resp.StatusCode)
		}
	}
	for _, r := range append(h.aLog.all(), h.elsewhereLog.all()...) {
		for k := range r.Header {
			if strings.Contains(strings.ToLower(k), "injected") {
				t.Errorf("injected header %s reached %s%s", k, r.Host, r.URL)
			}
		}
		if r.Host != "a.test" {
			t.Errorf("a request reached Host %q", r.Host)
		}
	}
}
