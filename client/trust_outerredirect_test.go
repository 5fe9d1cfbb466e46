package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// A layer that sets credentials (WithOuterLayers, as the README suggests
// for per-user tokens, or WithInnerLayers) runs again for every redirect:
// what it sets never reaches another origin than the first request's, nor
// the first origin when a redirect comes back to it: the chain lost its
// credentials for good at the first cross-origin hop, as fetch has it, or
// the other origin would choose the URL of the first they are used at.
func TestLayerCredentialsNeverFollowRedirectAcross(t *testing.T) {
	var mu sync.Mutex
	seen := map[string][]string{} // path -> Authorization, X-Api-Key, X-Workspace seen
	record := func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[r.Host+r.URL.Path] = []string{r.Header.Get("Authorization"), r.Header.Get("X-Api-Key"), r.Header.Get("X-Workspace")}
		mu.Unlock()
	}
	var a *httptest.Server
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record(w, r)
		http.Redirect(w, r, a.URL+"/back", http.StatusFound)
	}))
	defer b.Close()
	a = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record(w, r)
		if r.URL.Path == "/start" {
			http.Redirect(w, r, b.URL+"/away", http.StatusTemporaryRedirect)
			return
		}
		_, _ = w.Write([]byte(`{}`))
	}))
	defer a.Close()
	setCreds := credentialSetter(map[string]string{"Authorization": "Bearer alice-token", "X-Api-Key": "alice-key", "X-Workspace": "alice-tenant"})
	for name, layer := range map[string]client.ClientOption{
		"outer": client.WithOuterLayers(setCreds), "inner": client.WithInnerLayers(setCreds)} {
		clear(seen)
		c := client.New(client.WithBaseURL(a.URL), layer, client.WithCredentialHeaders("X-Workspace"))
		res, err := c.Request(context.Background(), client.Option{URL: "/start", Mode: client.ModeCORS})
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("%s: %v, %v", name, res.StatusCode, err)
		}
		aHost, bHost := a.Listener.Addr().String(), b.Listener.Addr().String()
		want := map[string][]string{
			aHost + "/start": {"Bearer alice-token", "alice-key", "alice-tenant"},
			bHost + "/away":  {"", "", ""},
			aHost + "/back":  {"", "", ""},
		}
		for k, w := range want {
			if got := seen[k]; len(got) != 3 || got[0] != w[0] || got[1] != w[1] || got[2] != w[2] {
				t.Errorf("%s layer: %s saw %q, want %q", name, k, got, w)
			}
		}
	}
}

// credentialSetter is a layer that sets headers on every request it sees,
// as a user's layer that adds per-user credentials does.
func credentialSetter(headers map[string]string) middleware.Middleware {
	return func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			r = r.Clone(r.Context())
			for k, v := range headers {
				r.Header.Set(k, v)
			}
			return next.RoundTrip(r)
		})
	}
}
