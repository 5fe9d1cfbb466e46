package client_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// The default jar keeps explicit ports apart (a cookie of http://h:8080
// never reaches http://h:9090), and so are its bounds: a server on
// another port of the API's host, an origin of its own, cannot use up the
// API's share of 180 cookies, so that the session the API then sets is
// not kept, nor can its Secure cookies over https push the API's plain
// ones out. The share was counted by host alone, across ports.
func TestJarBoundsKeepPortsApart(t *testing.T) {
	attacker := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for i := range 180 {
			http.SetCookie(w, &http.Cookie{Name: fmt.Sprintf("junk%d", i), Value: "x", Path: "/"})
		}
		_, _ = fmt.Fprint(w, `{}`)
	}))
	defer attacker.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/login" {
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: "alice-session", Path: "/"})
			return
		}
		ck, err := r.Cookie("sid")
		if err != nil {
			_, _ = fmt.Fprint(w, `{"sid":""}`)
			return
		}
		_, _ = fmt.Fprintf(w, `{"sid":%q}`, ck.Value)
	}))
	defer api.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	t.Run("share", func(t *testing.T) {
		c := client.New(client.WithBaseURL(api.URL))
		// The attacker's page, on the same host but another port: another origin.
		if _, err := c.Request(ctx, client.Option{URL: attacker.URL + "/", Mode: client.ModeCORS,
			Credentials: client.CredentialsInclude}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Request(ctx, client.Option{URL: "/login", Credentials: client.CredentialsSameOrigin}); err != nil {
			t.Fatal(err)
		}
		resp, err := c.Request(ctx, client.Option{URL: "/me", Credentials: client.CredentialsSameOrigin})
		if err != nil {
			t.Fatal(err)
		}
		if m, _ := resp.Data.(map[string]any); m["sid"] != "alice-session" {
			t.Fatalf("the API's session after another port filled its share: %v, want alice-session kept", resp.Data)
		}
	})

	// An https server on another port sets Secure cookies, which push out a
	// plain one of their own site and port when it is full: not the API's.
	secure := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for i := range 181 {
			http.SetCookie(w, &http.Cookie{Name: fmt.Sprintf("s%d", i), Value: "x", Path: "/", Secure: true})
		}
		_, _ = fmt.Fprint(w, `{}`)
	}))
	defer secure.Close()
	t.Run("secure", func(t *testing.T) {
		c := client.New(client.WithBaseURL(api.URL), client.WithTransport(secure.Client().Transport))
		if _, err := c.Request(ctx, client.Option{URL: "/login", Credentials: client.CredentialsSameOrigin}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Request(ctx, client.Option{URL: secure.URL + "/", Mode: client.ModeCORS,
			Credentials: client.CredentialsInclude}); err != nil {
			t.Fatal(err)
		}
		resp, err := c.Request(ctx, client.Option{URL: "/me", Credentials: client.CredentialsSameOrigin})
		if err != nil {
			t.Fatal(err)
		}
		if m, _ := resp.Data.(map[string]any); m["sid"] != "alice-session" {
			t.Fatalf("the API's session after Secure cookies of another port: %v, want alice-session kept", resp.Data)
		}
	})
}
