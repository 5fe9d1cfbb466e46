package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// The HTTP cache keys an answer by the credentials its request carried:
// a hop the bottom layer stripped a layer's token from (a redirect from
// another origin to the API, or back to it once the chain left it) got an
// answer for no one, which must not be kept under the token and answer
// the token's next request: another origin could otherwise have the
// caller served a page of its choosing, the one the API gives strangers.
func TestCacheKeepsAStrippedHopsAnswerApart(t *testing.T) {
	var otherURL string
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/away":
			http.Redirect(w, r, otherURL+"/x", http.StatusFound)
		case "/profile":
			if r.Header.Get("Authorization") != "" {
				w.Header().Set("Cache-Control", "private, max-age=60")
				_, _ = w.Write([]byte(`{"user":"alice"}`))
				return
			}
			w.Header().Set("Cache-Control", "max-age=60")
			_, _ = w.Write([]byte(`{"user":"stranger"}`))
		}
	}))
	defer api.Close()
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, api.URL+"/profile", http.StatusFound)
	}))
	defer other.Close()
	otherURL = other.URL
	au, _ := url.Parse(api.URL)
	for _, first := range []string{other.URL + "/go", api.URL + "/away"} {
		c := client.New(client.WithBaseURL(api.URL), client.WithHTTPCache(), client.WithOuterLayers(apiTokenFor(au.Host)))
		ctx := context.Background()
		res, err := c.Request(ctx, client.Option{URL: first, Mode: client.ModeCORS})
		if err != nil {
			t.Fatal(err)
		}
		if m, _ := res.Data.(map[string]any); m["user"] != "stranger" {
			t.Fatalf("from %s: the hop got %v, want the stranger's page (no token on it)", first, res.Data)
		}
		res, err = c.Request(ctx, client.Option{URL: "/profile", Mode: client.ModeCORS})
		if err != nil {
			t.Fatal(err)
		}
		if m, _ := res.Data.(map[string]any); m["user"] != "alice" || res.FromCache {
			t.Errorf("after a chain from %s, alice's own request got %v (from the cache: %v), want her page", first, res.Data, res.FromCache)
		}
	}
}
