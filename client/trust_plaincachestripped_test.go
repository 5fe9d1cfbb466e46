package client_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// bearerEverywhere is a caller's layer that puts alice's token on every
// request it sees, redirect hops included.
func bearerEverywhere(next http.RoundTripper) http.RoundTripper {
	return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		r := req.Clone(req.Context())
		r.Header.Set("Authorization", "Bearer alice")
		return next.RoundTrip(r)
	})
}

// profileAPI is the API: /profile is alice's page to her token and the
// stranger's to anyone else (500 while down is set), /away redirects to
// *otherURL+"/go"; other redirects every request to the API's /profile.
func profileAPI(t *testing.T, down *atomic.Bool) (api, other *httptest.Server) {
	var otherURL string
	api = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/away":
			http.Redirect(w, r, otherURL+"/go", http.StatusFound)
		case down.Load():
			w.WriteHeader(http.StatusInternalServerError)
		case r.Header.Get("Authorization") == "Bearer alice":
			w.Header().Set("Cache-Control", "max-age=60")
			_, _ = io.WriteString(w, "alice")
		default:
			w.Header().Set("Cache-Control", "max-age=60")
			_, _ = io.WriteString(w, "stranger")
		}
	}))
	other = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, api.URL+"/profile", http.StatusFound)
	}))
	otherURL = other.URL
	t.Cleanup(api.Close)
	t.Cleanup(other.Close)
	return api, other
}

func plainGet(t *testing.T, hc *http.Client, u string) string {
	t.Helper()
	resp, err := hc.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// A plain http.Client over Client.Transport has its HTTP cache key an
// answer as the client's own calls do: a hop the bottom layer stripped an
// outer layer's token from (a redirect from another origin to the API, or
// back to it once the chain left it) got the page the API gives
// strangers, which must not be kept under the token and answer the token
// holder's next request for it.
func TestPlainClientCacheKeepsAStrippedHopsAnswerApart(t *testing.T) {
	api, other := profileAPI(t, new(atomic.Bool))
	for _, tc := range []struct {
		first        string
		ownRedirects bool // CheckRedirect: c.CheckRedirect (else net/http's)
	}{
		{other.URL + "/go", true},
		{api.URL + "/away", true},
		{other.URL + "/go", false},
	} {
		c := client.New(client.WithHTTPCache(), client.WithOuterLayers(bearerEverywhere))
		hc := &http.Client{Transport: c.Transport()}
		if tc.ownRedirects {
			hc.CheckRedirect = c.CheckRedirect
		}
		if got := plainGet(t, hc, tc.first); got != "stranger" {
			t.Fatalf("from %s: the hop got %q, want the stranger's page (no token on it)", tc.first, got)
		}
		if got := plainGet(t, hc, api.URL+"/profile"); got != "alice" {
			t.Errorf("after a chain from %s (client's CheckRedirect: %v): alice's own request got %q, want her page",
				tc.first, tc.ownRedirects, got)
		}
	}
}

// The store layer keeps a plain http.Client's answers for its fallback
// (the API down, the stored data answers): a stripped hop's answer is not
// alice's either.
func TestPlainClientStoreKeepsAStrippedHopsAnswerApart(t *testing.T) {
	down := new(atomic.Bool)
	api, other := profileAPI(t, down)
	// One key, so that the layer and its fallback share partitions.
	c := client.New(client.WithPartitionKey([]byte("replicas")), client.WithOuterLayers(bearerEverywhere))
	hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
	if got := plainGet(t, hc, other.URL+"/go"); got != "stranger" {
		t.Fatalf("the hop got %q, want the stranger's page (no token on it)", got)
	}
	down.Store(true)
	if got := plainGet(t, hc, api.URL+"/profile"); got == "stranger" {
		t.Errorf("alice's own request, the API down, was answered with the stranger's page the hop got")
	}
}
