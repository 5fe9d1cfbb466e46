package client_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A plain http.Client over Client.Transport without Client.CheckRedirect
// sets a Referer on every hop: the URL before it, its query included. The
// client's bottom layer strips what would carry a secret to another origin
// on such a hop (credential headers, secret query parameters a layer
// added): the Referer's access_token went to the other origin all the same.
func TestPlainHopToAnotherOriginCarriesNoReferer(t *testing.T) {
	var mu sync.Mutex
	var got []http.Header
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Header.Clone())
		mu.Unlock()
		io.WriteString(w, "{}")
	}))
	defer other.Close()
	otherURL := strings.Replace(other.URL, "127.0.0.1", "localhost", 1)
	first := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, otherURL+"/landing", http.StatusFound)
	}))
	defer first.Close()

	c := client.New(client.WithBaseURL(first.URL))
	hc := &http.Client{Transport: c.Transport()} // net/http's redirect policy
	req, err := http.NewRequest(http.MethodGet, first.URL+"/login?access_token=SECRET-TOKEN", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header["referer"] = []string{first.URL + "/?code=SECRET-CODE"} // a spelling net/http copies as it is
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 1 {
		t.Fatalf("the other origin got %d requests, want 1", len(got))
	}
	for name, vs := range got[0] {
		if v := strings.Join(vs, ","); strings.Contains(v, "SECRET") || strings.EqualFold(name, "Referer") {
			t.Errorf("the other origin got %s: %s", name, v)
		}
	}
}

// Client.CheckRedirect sends no Referer on a hop, the origin's own too,
// however the caller spelled the one of its first request (net/http copies
// a header to the hop under the key the map holds).
func TestCheckRedirectDropsAnyRefererSpelling(t *testing.T) {
	var mu sync.Mutex
	var hop http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/start" {
			http.Redirect(w, r, "/next", http.StatusFound)
			return
		}
		mu.Lock()
		hop = r.Header.Clone()
		mu.Unlock()
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/start", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header["referer"] = []string{"https://app.example/?code=SECRET-CODE"}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	mu.Lock()
	defer mu.Unlock()
	if v := hop.Get("Referer"); v != "" {
		t.Errorf("the hop carried Referer %q", v)
	}
}
