package client_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	reqlog "github.com/taroreq/taroreq/middleware/log"
	"github.com/taroreq/taroreq/transports"
)

// A forward proxy that wants Proxy-Authorization answers 407 with a
// Proxy-Authenticate challenge: the caller gets the 407, and the
// proxy's credential (wrong or right) shows in no log, no recording, no
// error, and goes to no origin, a backup's neither; the proxy's 407 is not
// stored for another caller.
func TestProxy407AndProxyCredentialsStayWithTheProxy(t *testing.T) {
	var originLog hdrLog
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		originLog.add(r)
		if strings.HasPrefix(r.URL.Path, "/down") {
			w.WriteHeader(503)
			return
		}
		w.Header().Set("Cache-Control", "max-age=60")
		w.Write([]byte(`{"ok":1}`))
	}))
	defer origin.Close()
	var proxyLog hdrLog
	var proxied atomic.Int32
	fwd := newFwdProxy(t, routeTo(map[string]string{
		"api.example.com:80":    origin.Listener.Addr().String(),
		"backup.example.com:80": origin.Listener.Addr().String(),
	}))
	gate := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		proxyLog.add(r)
		if r.Header.Get("Proxy-Authorization") != "Basic good-proxy-cred" {
			w.Header().Set("Proxy-Authenticate", `Basic realm="proxy"`)
			w.Header().Set("Cache-Control", "max-age=600")
			w.WriteHeader(http.StatusProxyAuthRequired)
			w.Write([]byte("proxy auth required"))
			return
		}
		proxied.Add(1)
		fwd.Config.Handler.ServeHTTP(w, r)
	}))
	defer gate.Close()
	pu, _ := url.Parse(gate.URL)
	tr := &http.Transport{Proxy: http.ProxyURL(pu)}
	defer tr.CloseIdleConnections()
	dir := t.TempDir()
	rec, err := transports.NewRecorder(tr, dir)
	if err != nil {
		t.Fatal(err)
	}
	var logbuf bytes.Buffer
	lg := slog.New(slog.NewTextHandler(&logbuf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := client.New(client.WithTransport(rec), client.WithHTTPCache(),
		client.WithInterceptors(reqlog.Interceptor(lg)), client.WithInnerLayers(reqlog.Middleware(lg)))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	bad := http.Header{"Proxy-Authorization": {"Basic bad-proxy-cred"}}
	resp, err := c.Request(ctx, client.Option{URL: "http://api.example.com/x", Header: bad, UseStore: true, Mode: client.ModeCORS})
	if resp.StatusCode != http.StatusProxyAuthRequired {
		t.Fatalf("status %d err %v, want the proxy's 407", resp.StatusCode, err)
	}
	if err != nil && strings.Contains(err.Error(), "bad-proxy-cred") {
		t.Errorf("err names the proxy credential: %v", err)
	}
	// Another caller (right proxy credential, none) is not answered by the
	// first one's 407.
	good := http.Header{"Proxy-Authorization": {"Basic good-proxy-cred"}}
	resp, err = c.Request(ctx, client.Option{URL: "http://api.example.com/x", Header: good, UseStore: true, Mode: client.ModeCORS})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("with the right proxy credential: %d %v", resp.StatusCode, err)
	}
	resp, _ = c.Request(ctx, client.Option{URL: "http://api.example.com/x", UseStore: true, Mode: client.ModeCORS})
	if resp.StatusCode == 200 && resp.FromCache {
		t.Errorf("a caller without the proxy credential got the proxied answer from the cache")
	}
	// A backup on another origin: the proxy credential is not for it (the
	// README's rule), and no origin gets it.
	resp, err = c.Request(ctx, client.Option{URL: "http://api.example.com/down", Header: good, Mode: client.ModeCORS,
		Backup: []string{"http://backup.example.com/ok"}})
	t.Logf("backup call: status %d err %v", resp.StatusCode, err)
	for _, r := range originLog.all() {
		if v := r.Header.Get("Proxy-Authorization"); v != "" {
			t.Errorf("origin got Proxy-Authorization %q on %s %s", v, r.Host, r.URL)
		}
	}
	for _, r := range proxyLog.all() {
		if r.Host == "backup.example.com" && r.Header.Get("Proxy-Authorization") != "" {
			t.Errorf("the backup's request carried the proxy credential %q", r.Header.Get("Proxy-Authorization"))
		}
	}
	if s := logbuf.String(); strings.Contains(s, "proxy-cred") {
		t.Errorf("log carries a proxy credential:\n%s", s)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) == 0 {
		t.Fatalf("nothing recorded")
	}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		if bytes.Contains(b, []byte("proxy-cred")) {
			t.Errorf("recording %s carries a proxy credential", filepath.Base(f))
		}
	}
}

// Over https, the proxy URL's userinfo goes in CONNECT; a 407 to it is an
// error that names neither the password nor the proxy user.
func TestProxyConnect407ErrorNamesNoProxyCredential(t *testing.T) {
	gate := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Proxy-Authenticate", `Basic realm="proxy"`)
		w.WriteHeader(http.StatusProxyAuthRequired)
	}))
	defer gate.Close()
	pu, _ := url.Parse(gate.URL)
	pu.User = url.UserPassword("proxyuser", "proxy-pass-407")
	tr := &http.Transport{Proxy: http.ProxyURL(pu)}
	defer tr.CloseIdleConnections()
	var logbuf bytes.Buffer
	lg := slog.New(slog.NewTextHandler(&logbuf, nil))
	c := client.New(client.WithTransport(tr), client.WithInterceptors(reqlog.Interceptor(lg)))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := c.Request(ctx, client.Option{URL: "https://api.example.com/x", RetryTimes: client.NoRetry})
	if err == nil {
		t.Fatalf("no error through a proxy that says 407: %d", resp.StatusCode)
	}
	for _, s := range []string{err.Error(), resp.ErrMsg, logbuf.String()} {
		if strings.Contains(s, "proxy-pass-407") || strings.Contains(s, "proxyuser") {
			t.Errorf("names the proxy credential: %s", s)
		}
	}
	t.Logf("err: %v", err)
}
