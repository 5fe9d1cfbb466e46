package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// cookieServer answers 503 while *fail is set, else {}, setting the cookie
// set (if any) and recording the Cookie headers it got.
func cookieServer(t *testing.T, set *http.Cookie, fail *bool, got *[]string, mu *sync.Mutex) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		*got = append(*got, r.Header.Get("Cookie"))
		if set != nil {
			http.SetCookie(w, set)
		}
		if fail != nil && *fail {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte(`{}`))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// Two origins on one host, other ports: the default jar gives neither the
// other's cookies. A session of the primary is not sent to a backup there
// (Credentials include), and a cookie the backup sets is not sent to the
// primary (Credentials same-origin), though RFC 6265 scopes cookies by host.
func TestDefaultJarKeepsPortsOfAHostApart(t *testing.T) {
	var mu sync.Mutex
	var gotA, gotB []string
	fail := false
	a := cookieServer(t, &http.Cookie{Name: "sid", Value: "SECRET-A", Path: "/"}, &fail, &gotA, &mu)
	b := cookieServer(t, &http.Cookie{Name: "bsid", Value: "FROM-B", Path: "/"}, nil, &gotB, &mu)
	c := client.New(client.WithBaseURL(a.URL))
	ctx := context.Background()
	if _, err := c.Request(ctx, client.Option{URL: "/login", Credentials: client.CredentialsInclude}); err != nil {
		t.Fatal(err)
	}
	fail = true
	if _, err := c.Request(ctx, client.Option{URL: "/x", Mode: client.ModeCORS, Credentials: client.CredentialsInclude,
		Backup: []string{b.URL + "/b"}, RetryTimes: 1}); err != nil {
		t.Fatal(err)
	}
	fail = false
	if _, err := c.Request(ctx, client.Option{URL: "/y", Credentials: client.CredentialsSameOrigin}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(gotA) != 4 || gotA[0] != "" || gotA[1] != "sid=SECRET-A" || gotA[2] != "sid=SECRET-A" || gotA[3] != "sid=SECRET-A" {
		t.Errorf("primary got Cookie headers %q; want none, then its own session three times", gotA)
	}
	if len(gotB) != 1 || gotB[0] != "" {
		t.Errorf("backup on the same host, another port, got Cookie headers %q; want one request with none", gotB)
	}
}
