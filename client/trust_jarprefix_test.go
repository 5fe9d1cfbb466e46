package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// Cookie name prefixes (RFC 6265bis §4.1.3): a browser keeps a __Secure-
// cookie only when it is Secure, and a __Host- one only when it is Secure,
// has no Domain and has Path=/ (names matched whatever their case), so a
// server may trust that such a cookie came over https from its own host.
// Plain http, which a network attacker answers, can plant neither in the
// default jar: not for its own host, not for the site's other hosts.
func TestTrustJarCookiePrefixes(t *testing.T) {
	var seen hdrLog
	handler := func(w http.ResponseWriter, r *http.Request) {
		seen.add(r)
		switch r.URL.Path {
		case "/plant":
			for _, c := range []string{
				"__Host-sid=attacker; Path=/",
				"__host-sid=attacker; Path=/",
				"__Secure-id=attacker; Path=/",
				"__SECURE-id=attacker; Domain=example.com; Path=/",
				"__Host-dom=attacker; Domain=example.com; Path=/",
				"plain=kept; Path=/",
			} {
				w.Header().Add("Set-Cookie", c)
			}
		case "/login":
			for _, c := range []string{
				"__Host-ok=1; Secure; Path=/",
				"__Host-nopath=1; Secure",
				"__Host-subpath=1; Secure; Path=/app",
				"__Host-domain=1; Secure; Domain=www.example.com; Path=/",
				"__Secure-ok=1; Secure; Domain=example.com; Path=/",
			} {
				w.Header().Add("Set-Cookie", c)
			}
		}
		_, _ = w.Write([]byte(`{}`))
	}
	tlsS := httptest.NewTLSServer(http.HandlerFunc(handler))
	defer tlsS.Close()
	plain := httptest.NewServer(http.HandlerFunc(handler))
	defer plain.Close()
	tr := mappedTransport(t, tlsS, map[string]string{
		"www.example.com:443":   tlsS.Listener.Addr().String(),
		"www.example.com:80":    plain.Listener.Addr().String(),
		"static.example.com:80": plain.Listener.Addr().String(),
	})
	c := client.New(client.WithTransport(tr))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	get := func(u string) string {
		t.Helper()
		if _, err := c.Request(ctx, client.Option{URL: u, Credentials: client.CredentialsInclude, Mode: client.ModeCORS}); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		all := seen.all()
		return all[len(all)-1].Header.Get("Cookie")
	}
	get("http://www.example.com/plant")
	get("http://static.example.com/plant")
	get("https://www.example.com/login")
	ck := get("https://www.example.com/app/x")
	if strings.Contains(ck, "attacker") {
		t.Errorf("plain http planted a prefixed cookie: https://www.example.com gets %q", ck)
	}
	for _, want := range []string{"plain=kept", "__Host-ok=1", "__Secure-ok=1"} {
		if !strings.Contains(ck, want) {
			t.Errorf("https://www.example.com gets %q, want %s among them", ck, want)
		}
	}
	for _, bad := range []string{"__Host-nopath", "__Host-subpath", "__Host-domain"} {
		if strings.Contains(ck, bad) {
			t.Errorf("https://www.example.com gets %q: %s breaks the __Host- rules", ck, bad)
		}
	}
}
