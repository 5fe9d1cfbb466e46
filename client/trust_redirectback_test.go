package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

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
