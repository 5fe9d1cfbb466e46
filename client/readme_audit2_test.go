package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

var auditSecretHeaders = []string{"Authorization", "Proxy-Authorization", "Cookie", "X-Api-Key", "X-Auth-Token",
	"X-Client-Secret", "X-Jwt-Assertion", "Dpop", "Phpsessid", "X-Csrf-Token", "X-Pass", "User_pin", "Connect.sid",
	"Code", "X-Workspace", "X-Otp", "X-Passcode", "X-Hmac", "X-Saml", "X-Ticket", "X-Verifier", "X-Bearer", "X-Xsrf", "X-Sessid", "X-Pw", "X-Totp", "X-Sid", "X-Passphrase"}

var auditPlainHeaders = []string{"Idempotency-Key", "X-Bypass-Cache", "X-Side", "X-Trace"}

func auditHeaders() http.Header {
	h := http.Header{}
	for _, k := range append(append([]string{}, auditSecretHeaders...), auditPlainHeaders...) {
		h[k] = []string{"v"}
	}
	// Refused without a proxy (TestProxyAuthorizationWithoutAProxyIsRefused):
	// checked absent all the same.
	delete(h, "Proxy-Authorization")
	return h
}

func checkStripped(t *testing.T, what string, got http.Header) {
	t.Helper()
	for _, k := range auditSecretHeaders {
		if got.Get(k) != "" {
			t.Errorf("%s: credential header %s sent", what, k)
		}
	}
	for _, k := range auditPlainHeaders {
		if got.Get(k) == "" {
			t.Errorf("%s: plain header %s not sent", what, k)
		}
	}
}

func TestReadmeRedirectStripsCredentialHeaders(t *testing.T) {
	var got http.Header
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.Write([]byte(`{}`))
	}))
	defer other.Close()
	for _, code := range []int{301, 302, 303, 307, 308} {
		got = nil
		first := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.URL+"/x", code)
		}))
		c := client.New(client.WithBaseURL(first.URL), client.WithCredentialHeaders("X-Workspace"))
		_, err := c.Request(context.Background(), client.Option{URL: "/a", Mode: client.ModeCORS, Header: auditHeaders()})
		first.Close()
		if err != nil {
			t.Fatal(err)
		}
		checkStripped(t, "redirect", got)
	}
}

func TestReadmeBackupStripsCredentialHeadersAndQuery(t *testing.T) {
	var got *http.Request
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Clone(context.Background())
		w.Write([]byte(`{}`))
	}))
	defer other.Close()
	first := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(503)
	}))
	defer first.Close()
	c := client.New(client.WithBaseURL(first.URL), client.WithCredentialHeaders("X-Workspace"))
	_, err := c.Request(context.Background(), client.Option{URL: "/a", Mode: client.ModeCORS, Header: auditHeaders(),
		Backup: []string{other.URL + "/b"},
		Data: map[string]any{"page": 2, "access_token": "s1", "api_key": "s2", "user_pin": "s3", "code": "s4",
			"filter": map[string]any{"deep": []any{map[string]any{"password": "s5"}}}, "sid": "s6"}})
	if err != nil {
		t.Fatal(err)
	}
	checkStripped(t, "backup", got.Header)
	q := got.URL.Query()
	if q.Get("page") != "2" {
		t.Errorf("page missing: %q", got.URL.RawQuery)
	}
	for _, k := range []string{"access_token", "api_key", "user_pin", "code", "filter", "sid"} {
		if q.Has(k) {
			t.Errorf("backup got secret query %s: %q", k, got.URL.RawQuery)
		}
	}
}
