package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// apiTokenFor is a layer that gives every request to host the API's token, as
// an oauth2.Transport does: it runs again on every redirect hop.
func apiTokenFor(host string) middleware.Middleware {
	return func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			if req.URL.Host == host {
				r := req.Clone(req.Context())
				r.Header.Set("Authorization", "Bearer layer")
				req = r
			}
			return next.RoundTrip(req)
		})
	}
}

// rebuild is a layer that sends a request of its own making, with the
// request's context but without its Response (a signer, a converter).
func rebuild(next http.RoundTripper) http.RoundTripper {
	return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		r, err := http.NewRequestWithContext(req.Context(), req.Method, req.URL.String(), req.Body)
		if err != nil {
			return nil, err
		}
		r.Header, r.GetBody = req.Header.Clone(), req.GetBody
		return next.RoundTrip(r)
	})
}

// A backup of another origin that redirects to the primary's origin does
// not have the credentials a layer of the caller's sets sent there either:
// the chain left the first origin, and its hops carry none for good.
func TestLayerCredentialsNotSentBackAfterTheChainLeft(t *testing.T) {
	for _, inner := range []bool{false, true} {
		primary, bu, got := backupRedirectBack(t)
		pu, _ := url.Parse(primary)
		opt := client.WithOuterLayers(apiTokenFor(pu.Host))
		if inner {
			opt = client.WithInnerLayers(apiTokenFor(pu.Host))
		}
		c := client.New(opt)
		if _, err := c.Request(context.Background(), client.Option{URL: primary + "/p", Backup: []string{bu + "/p"},
			RetryTimes: client.NoRetry, Mode: client.ModeCORS}); err != nil {
			t.Fatal(err)
		}
		want := []string{"primary /p [Bearer layer]", "backup /p []", "primary /admin/delete []"}
		if g := got(); len(g) != len(want) || g[0] != want[0] || g[1] != want[1] || g[2] != want[2] {
			t.Errorf("inner %v: got %q, want %q", inner, g, want)
		}
	}
}

// Under Credentials same-origin, a chain that has been to another origin
// uses no jar back on the client's, through a layer that rebuilds the
// request too; a chain that stays on the client's origin still does, and
// still gets its layer's token.
func TestSameOriginRedirectBackThroughARebuildingLayer(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	var otherURL string
	home := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.URL.Path+" ["+r.Header.Get("Cookie")+"|"+r.Header.Get("Authorization")+"]")
		mu.Unlock()
		switch r.URL.Path {
		case "/login":
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: "alice", Path: "/"})
		case "/away":
			http.Redirect(w, r, otherURL+"/x", http.StatusFound)
			return
		case "/stay":
			http.Redirect(w, r, "/home", http.StatusFound)
			return
		}
		_, _ = w.Write([]byte(`{}`))
	}))
	defer home.Close()
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, home.URL+"/admin/delete", http.StatusTemporaryRedirect)
	}))
	defer other.Close()
	otherURL = other.URL
	hu, _ := url.Parse(home.URL)
	for _, where := range []string{"outer", "inner"} {
		layers := client.WithOuterLayers(apiTokenFor(hu.Host), rebuild)
		if where == "inner" {
			layers = client.WithInnerLayers(apiTokenFor(hu.Host), rebuild)
		}
		c := client.New(client.WithBaseURL(home.URL), layers)
		mu.Lock()
		seen = nil
		mu.Unlock()
		ctx := context.Background()
		for _, u := range []string{"/login", "/away", "/stay"} {
			if _, err := c.Request(ctx, client.Option{URL: u, Credentials: client.CredentialsSameOrigin,
				Mode: client.ModeCORS, RetryTimes: client.NoRetry}); err != nil {
				t.Fatal(err)
			}
		}
		want := []string{"/login [|Bearer layer]", "/away [sid=alice|Bearer layer]", "/admin/delete [|]",
			"/stay [sid=alice|Bearer layer]", "/home [sid=alice|Bearer layer]"}
		mu.Lock()
		if len(seen) != len(want) {
			t.Errorf("%s: got %q, want %q", where, seen, want)
		} else {
			for i := range want {
				if seen[i] != want[i] {
					t.Errorf("%s: request %d got %q, want %q", where, i, seen[i], want[i])
				}
			}
		}
		mu.Unlock()
	}
}
