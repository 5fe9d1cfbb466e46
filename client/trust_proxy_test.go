package client_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	reqlog "github.com/taroreq/taroreq/middleware/log"
)

// fwdProxy is a loopback forward proxy: CONNECT tunnels and absolute-form
// requests, every target dialed at route(host:port). It consumes
// Proxy-Authorization, as a proxy does, and records what it got.
type fwdProxy struct {
	*httptest.Server
	log   hdrLog
	route func(hostport string) string
}

func newFwdProxy(t *testing.T, route func(string) string) *fwdProxy {
	p := &fwdProxy{route: route}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.log.add(r)
		if r.Method == http.MethodConnect {
			dst, err := net.Dial("tcp", p.route(r.Host))
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadGateway)
				return
			}
			w.WriteHeader(http.StatusOK)
			src, _, err := w.(http.Hijacker).Hijack()
			if err != nil {
				dst.Close()
				return
			}
			go func() { io.Copy(dst, src); dst.Close() }()
			io.Copy(src, dst)
			src.Close()
			return
		}
		out := r.Clone(r.Context())
		out.RequestURI = ""
		out.Header.Del("Proxy-Authorization")
		out.Header.Del("Proxy-Connection")
		tr := &http.Transport{DialContext: func(ctx context.Context, n, a string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, n, p.route(a))
		}}
		defer tr.CloseIdleConnections()
		resp, err := tr.RoundTrip(out)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		for k, vs := range resp.Header {
			w.Header()[k] = vs
		}
		w.WriteHeader(resp.StatusCode)
		io.Copy(w, resp.Body)
	}))
	t.Cleanup(p.Server.Close)
	return p
}

func routeTo(m map[string]string) func(string) string {
	return func(hp string) string {
		if a, ok := m[hp]; ok {
			return a
		}
		return "127.0.0.1:1"
	}
}

// Through a proxy, the proxy's credentials (the proxy URL's userinfo, or a
// Proxy-Authorization the caller set) reach the proxy, never an origin,
// neither the first nor one a redirect leads to; nor do they show in a log.
func TestTrustProxyCredentialsStayWithTheProxy(t *testing.T) {
	var originA, originB hdrLog
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		originB.add(r)
		w.Write([]byte(`{}`))
	}))
	defer b.Close()
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		originA.add(r)
		if r.URL.Path == "/go" {
			http.Redirect(w, r, "http://other.example.com/landing", http.StatusFound)
			return
		}
		w.Write([]byte(`{}`))
	}))
	defer a.Close()
	p := newFwdProxy(t, routeTo(map[string]string{
		"api.example.com:80":   a.Listener.Addr().String(),
		"other.example.com:80": b.Listener.Addr().String(),
	}))
	pu, _ := url.Parse(p.URL)
	pu.User = url.UserPassword("puser", "proxy-pass-123")
	tr := &http.Transport{Proxy: http.ProxyURL(pu)}
	defer tr.CloseIdleConnections()
	var logbuf bytes.Buffer
	lg := slog.New(slog.NewTextHandler(&logbuf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := client.New(client.WithTransport(tr), client.WithInterceptors(reqlog.Interceptor(lg)))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	h := http.Header{"Proxy-Authorization": {"Basic caller-set-proxy-cred"}}
	resp, err := c.Request(ctx, client.Option{URL: "http://api.example.com/go", Header: h})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("resp %+v err %v", resp, err)
	}
	pl := p.log.all()
	if len(pl) != 2 {
		t.Fatalf("proxy saw %d requests", len(pl))
	}
	if v := pl[1].Header.Get("Proxy-Authorization"); v == "" {
		t.Logf("second hop at the proxy without Proxy-Authorization: %v", pl[1].Header)
	}
	for _, r := range append(originA.all(), originB.all()...) {
		if v := r.Header.Get("Proxy-Authorization"); v != "" {
			t.Errorf("origin %s got Proxy-Authorization %q", r.Host, v)
		}
	}
	if s := logbuf.String(); strings.Contains(s, "proxy-pass-123") || strings.Contains(s, "caller-set-proxy-cred") {
		t.Errorf("log carries a proxy credential:\n%s", s)
	}
	t.Logf("proxy got: %v | %v", pl[0].Header, pl[1].Header)
}

// The default transport honours HTTP_PROXY; the proxy's userinfo shows in
// no error, when the proxy fails.
func TestTrustEnvProxyUserinfoNotInErrors(t *testing.T) {
	p := newFwdProxy(t, routeTo(nil)) // every target unreachable: 502
	pu, _ := url.Parse(p.URL)
	pu.User = url.UserPassword("puser", "proxy-pass-123")
	t.Setenv("HTTP_PROXY", pu.String())
	t.Setenv("HTTPS_PROXY", pu.String())
	t.Setenv("NO_PROXY", "")
	c := client.New()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := c.Request(ctx, client.Option{URL: "http://api.example.com/x", RetryTimes: 0})
	t.Logf("resp status %v err %v", resp.StatusCode, err)
	if len(p.log.all()) == 0 {
		t.Skip("the environment's proxy was not used (net/http reads it once per process)")
	}
	if err != nil && strings.Contains(err.Error(), "proxy-pass-123") {
		t.Errorf("error names the proxy password: %v", err)
	}
	// a dead proxy: the dial error.
	p.Close()
	_, err = c.Request(ctx, client.Option{URL: "https://api.example.com/x"})
	t.Logf("dead proxy err: %v", err)
	if err == nil || strings.Contains(err.Error(), "proxy-pass-123") || strings.Contains(err.Error(), "puser") {
		t.Errorf("err = %v", err)
	}
}
