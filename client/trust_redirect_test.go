package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
)

// secretHeader is a request header with every kind of credential: the
// fixed names, a secret-looking name and one the client adds. (Not
// Proxy-Authorization: these servers are reached without a proxy, where
// it is refused, TestProxyAuthorizationWithoutAProxyIsRefused; through
// one, TestTrustProxyCredentialsStayWithTheProxy follows its redirects.)
func secretHeader() http.Header {
	return http.Header{
		"Authorization":   {"Bearer alice"},
		"Cookie":          {"sid=alice"},
		"X-Api-Key":       {"key-alice"},
		"X-Workspace":     {"tenant-alice"},
		"Accept":          {"application/json"},
		"Idempotency-Key": {"op-1"},
	}
}

var credentialNames = []string{"Authorization", "Proxy-Authorization", "Cookie", "X-Api-Key", "X-Workspace"}

// redirectTo answers 302 to target.
func redirectTo(target string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, target, http.StatusFound) }
}

func TestRedirectToOtherOriginCarriesNoCredential(t *testing.T) {
	b := faultserver.New(t, faultserver.OK(`{}`))
	bLocalhost := strings.Replace(b.URL, "127.0.0.1", "localhost", 1)
	for name, target := range map[string]string{
		"same host, other port": b.URL + "/landing",
		"other host":            bLocalhost + "/landing",
	} {
		t.Run(name, func(t *testing.T) {
			a := faultserver.New(t, redirectTo(target))
			before := b.Count()
			c := client.New(client.WithBaseURL(a.URL), client.WithCredentialHeaders("X-Workspace"))
			resp, err := c.Request(context.Background(), client.Option{URL: "/start", Header: secretHeader(), Mode: client.ModeCORS})
			if err != nil || resp.StatusCode != 200 || b.Count() != before+1 {
				t.Fatalf("resp %+v, err %v, B saw %d", resp, err, b.Count()-before)
			}
			if got := a.Requests()[0].Header; got.Get("Authorization") != "Bearer alice" || got.Get("X-Workspace") != "tenant-alice" {
				t.Errorf("the origin itself lost its credentials: %v", got)
			}
			got := b.Requests()[b.Count()-1].Header
			for _, n := range credentialNames {
				if v := got.Get(n); v != "" {
					t.Errorf("%s reached the other origin: %q", n, v)
				}
			}
			if got.Get("Referer") != "" || got.Get("Accept") != "application/json" || got.Get("Idempotency-Key") != "op-1" {
				t.Errorf("other headers: %v", got)
			}
		})
	}
}

func TestRedirectWithinOriginKeepsCredentials(t *testing.T) {
	a := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/start" {
			http.Redirect(w, r, "/landing", http.StatusFound)
			return
		}
		w.Write([]byte(`{}`))
	})
	c := client.New(client.WithBaseURL(a.URL))
	if _, err := c.Request(context.Background(), client.Option{URL: "/start", Header: secretHeader()}); err != nil {
		t.Fatal(err)
	}
	got := a.Requests()[1].Header
	if got.Get("Authorization") != "Bearer alice" || got.Get("X-Api-Key") != "key-alice" || got.Get("Referer") != "" {
		t.Errorf("same-origin redirect: %v", got)
	}
}

func TestSameOriginModeRefusesCrossOriginRedirect(t *testing.T) {
	b := faultserver.New(t, faultserver.OK(`{}`))
	a := faultserver.New(t, redirectTo(b.URL+"/landing?access_token=tok-secret"))
	c := client.New(client.WithBaseURL(a.URL))
	resp, err := c.Request(context.Background(), client.Option{URL: "/start", Header: secretHeader()})
	if !errors.Is(err, client.ErrCrossOrigin) || resp.StatusCode != 0 {
		t.Fatalf("resp %+v, err %v", resp, err)
	}
	msg := err.Error()
	if !strings.Contains(msg, b.URL+"/landing") || strings.Contains(msg, "tok-secret") || !strings.Contains(msg, "ModeCORS") {
		t.Errorf("error %q: want the redacted target and the way to allow it", msg)
	}
	if b.Count() != 0 {
		t.Errorf("B saw %d requests", b.Count())
	}
	// Without a base URL the client has no origin: every request is
	// same-origin (an http → https redirect is followed), but the
	// credentials stay behind.
	if _, err := client.New().Request(context.Background(), client.Option{URL: a.URL + "/start", Header: secretHeader()}); err != nil {
		t.Fatal(err)
	}
	if got := b.Requests()[0].Header; got.Get("Authorization") != "" || got.Get("X-Api-Key") != "" {
		t.Errorf("no base URL: the other origin got %v", got)
	}
}

func TestRedirectLimit(t *testing.T) {
	loop := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/again", http.StatusFound)
	})
	_, err := client.New().Request(context.Background(), client.Option{URL: loop.URL})
	// The first request and 20 redirects followed (fetch's bound); the
	// 21st is refused.
	if err == nil || !strings.Contains(err.Error(), "20 redirects") || loop.Count() != 21 {
		t.Fatalf("err %v after %d requests", err, loop.Count())
	}
}

// A plain http.Client over Client.Transport with Client.CheckRedirect
// follows the client's redirect rules: nothing secret and no Referer to
// another origin.
func TestPlainClientCheckRedirect(t *testing.T) {
	var got http.Header
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		_, _ = w.Write([]byte("b"))
	}))
	defer b.Close()
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, b.URL+"/away", http.StatusFound)
	}))
	defer a.Close()
	c := client.New(client.WithCredentialHeaders("X-Workspace"))
	hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
	req, _ := http.NewRequest("GET", a.URL+"/start", nil)
	for k, v := range map[string]string{"Authorization": "Bearer t", "X-Api-Key": "k", "X-Workspace": "alice", "Referer": "https://app/", "Accept": "text/plain"} {
		req.Header.Set(k, v)
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, k := range []string{"Authorization", "X-Api-Key", "X-Workspace", "Referer"} {
		if got.Get(k) != "" {
			t.Errorf("origin B got %s: %q", k, got.Get(k))
		}
	}
	if got.Get("Accept") != "text/plain" {
		t.Errorf("Accept lost: %q", got.Get("Accept"))
	}
}

// Once a redirect chain has left the first request's origin, its credential
// headers are gone for good (fetch deletes them at the first cross-origin
// hop): another origin that redirects back cannot have the caller's
// Authorization sent to a URL of its choosing on the first origin.
func TestRedirectBackFromAnotherOriginCarriesNoCredentials(t *testing.T) {
	var got []string
	var other *httptest.Server
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/start":
			http.Redirect(w, r, other.URL+"/bounce", http.StatusFound)
		case "/chosen-by-other":
			got = append(got, r.Header.Get("Authorization")+"|"+r.Header.Get("X-Api-Key"))
		}
	}))
	defer api.Close()
	other = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, api.URL+"/chosen-by-other", http.StatusFound)
	}))
	defer other.Close()
	c := client.New(client.WithBaseURL(api.URL))
	_, err := c.Request(context.Background(), client.Option{URL: "/start", Mode: client.ModeCORS,
		Header: http.Header{"Authorization": {"Bearer secret"}, "X-Api-Key": {"k1"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != "|" {
		t.Fatalf("the first origin got %q back after another origin's redirect, want no credentials", got)
	}
}
