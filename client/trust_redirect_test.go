package client_test

import (
	"context"
	"errors"
	"net/http"
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
		"X-Tenant":        {"tenant-alice"},
		"Accept":          {"application/json"},
		"Idempotency-Key": {"op-1"},
	}
}

var credentialNames = []string{"Authorization", "Proxy-Authorization", "Cookie", "X-Api-Key", "X-Tenant"}

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
			c := client.New(client.WithBaseURL(a.URL), client.WithCredentialHeaders("X-Tenant"))
			resp, err := c.Request(context.Background(), client.Option{URL: "/start", Header: secretHeader(), Mode: client.ModeCORS})
			if err != nil || resp.StatusCode != 200 || b.Count() != before+1 {
				t.Fatalf("resp %+v, err %v, B saw %d", resp, err, b.Count()-before)
			}
			if got := a.Requests()[0].Header; got.Get("Authorization") != "Bearer alice" || got.Get("X-Tenant") != "tenant-alice" {
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
