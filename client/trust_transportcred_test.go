package client_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// WithCredentialHeaders's names are part of the credential partition of the
// store and the HTTP cache, also through Client.Transport() in a plain
// http.Client, where requests carry no settings: one X-User is never
// answered with another's data.
func TestTransportKeepsClientCredentialHeaders(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "private, max-age=60")
		w.Write([]byte("data of " + r.Header.Get("X-User")))
	}))
	defer srv.Close()
	c := client.New(client.WithHTTPCache(), client.WithCredentialHeaders("X-User"))
	hc := &http.Client{Transport: c.Transport()}
	get := func(who string) string {
		req, _ := http.NewRequest("GET", srv.URL+"/me", nil)
		req.Header.Set("X-User", who)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	if got := get("alice"); got != "data of alice" {
		t.Fatalf("alice got %q", got)
	}
	if got := get("bob"); got != "data of bob" {
		t.Fatalf("bob got %q", got)
	}
}
