package client_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

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
	c := client.New(client.WithCredentialHeaders("X-Tenant"))
	hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
	req, _ := http.NewRequest("GET", a.URL+"/start", nil)
	for k, v := range map[string]string{"Authorization": "Bearer t", "X-Api-Key": "k", "X-Tenant": "alice", "Referer": "https://app/", "Accept": "text/plain"} {
		req.Header.Set(k, v)
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, k := range []string{"Authorization", "X-Api-Key", "X-Tenant", "Referer"} {
		if got.Get(k) != "" {
			t.Errorf("origin B got %s: %q", k, got.Get(k))
		}
	}
	if got.Get("Accept") != "text/plain" {
		t.Errorf("Accept lost: %q", got.Get("Accept"))
	}
}
