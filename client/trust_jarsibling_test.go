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

// Plain http from another host of the site cannot plant a cookie named as
// the Secure session that https set for www: a browser ignores a non-Secure
// cookie from http whose domain covers the host of a Secure cookie of that
// name (RFC 6265bis, "Leave Secure Cookies Alone": "domain-matches ... or
// vice-versa"), so a network attacker answering for http://static.example.com
// cannot fix the session of https://www.example.com, even on a longer path
// (sent first).
func TestTrustJarSiblingCannotShadowSecure(t *testing.T) {
	var seen hdrLog
	handler := func(w http.ResponseWriter, r *http.Request) {
		seen.add(r)
		switch r.URL.Path {
		case "/login":
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: "secure-session", Secure: true, Path: "/"})
		case "/plant":
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: "attacker", Domain: "example.com", Path: "/app"})
			http.SetCookie(w, &http.Cookie{Name: "lang", Value: "fr", Domain: "example.com", Path: "/"})
		}
		_, _ = w.Write([]byte(`{}`))
	}
	tlsS := httptest.NewTLSServer(http.HandlerFunc(handler))
	defer tlsS.Close()
	plain := httptest.NewServer(http.HandlerFunc(handler))
	defer plain.Close()
	tr := mappedTransport(t, tlsS, map[string]string{
		"www.example.com:443":   tlsS.Listener.Addr().String(),
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
	get("https://www.example.com/login")
	get("http://static.example.com/plant")
	ck := get("https://www.example.com/app/x")
	if strings.Contains(ck, "attacker") || !strings.Contains(ck, "sid=secure-session") {
		t.Errorf("http://static.example.com planted a cookie named as www's Secure session: https://www.example.com/app/x gets %q", ck)
	}
	if !strings.Contains(ck, "lang=fr") {
		t.Errorf("a domain cookie of another name should still be kept: %q", ck)
	}
}
