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

// mappedTransport trusts ts's certificate and dials each host:port of m.
func mappedTransport(t *testing.T, ts *httptest.Server, m map[string]string) *http.Transport {
	tr := ts.Client().Transport.(*http.Transport).Clone()
	tr.Proxy = nil
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if a, ok := m[addr]; ok {
			return (&net.Dialer{}).DialContext(ctx, network, a)
		}
		return nil, &net.AddrError{Err: "unexpected dial", Addr: addr}
	}
	t.Cleanup(tr.CloseIdleConnections)
	return tr
}

// The jar and schemes/ports: a Secure cookie of https://h never goes to
// http://h; a cookie of https://h:8443 never to https://h:9443; and plain
// http://h cannot replace the Secure session https://h set (a browser
// ignores such a cookie: RFC 6265bis, "Leave Secure Cookies Alone").
func TestTrustJarSchemesAndPorts(t *testing.T) {
	var seen hdrLog
	handler := func(w http.ResponseWriter, r *http.Request) {
		seen.add(r)
		switch r.URL.Path {
		case "/login":
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: "secure-session", Secure: true, Path: "/"})
		case "/plant":
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: "attacker", Path: "/"})
			http.SetCookie(w, &http.Cookie{Name: "sec2", Value: "attacker-secure", Secure: true, Path: "/"})
		}
		w.Write([]byte(`{}`))
	}
	tlsS := httptest.NewTLSServer(http.HandlerFunc(handler))
	defer tlsS.Close()
	plain := httptest.NewServer(http.HandlerFunc(handler))
	defer plain.Close()
	tr := mappedTransport(t, tlsS, map[string]string{
		"example.com:443":  tlsS.Listener.Addr().String(),
		"example.com:80":   plain.Listener.Addr().String(),
		"example.com:8443": tlsS.Listener.Addr().String(),
		"example.com:9443": tlsS.Listener.Addr().String(),
	})
	c := client.New(client.WithTransport(tr))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	get := func(u string) *http.Request {
		t.Helper()
		if _, err := c.Request(ctx, client.Option{URL: u, Credentials: client.CredentialsInclude}); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		all := seen.all()
		return all[len(all)-1]
	}
	get("https://example.com/login")
	if ck := get("http://example.com/x").Header.Get("Cookie"); strings.Contains(ck, "secure-session") {
		t.Errorf("Secure cookie went over http: %q", ck)
	}
	get("https://example.com:8443/login")
	if ck := get("https://example.com:9443/x").Header.Get("Cookie"); ck != "" {
		t.Errorf("cookie of port 8443 sent to 9443: %q", ck)
	}
	get("http://example.com/plant")
	ck := get("https://example.com/x").Header.Get("Cookie")
	if !strings.Contains(ck, "sid=secure-session") || strings.Contains(ck, "attacker") {
		t.Errorf("plain http replaced or added to https's Secure cookies: https://example.com now gets %q", ck)
	}
}
