package client_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/taroreq/taroreq/client"
)

func TestReadmePlainClientCheckRedirect(t *testing.T) {
	var got http.Header
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.Write([]byte(`{}`))
	}))
	defer other.Close()
	first := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/x", 302)
	}))
	defer first.Close()
	c := client.New(client.WithCredentialHeaders("X-Workspace"))
	hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
	req, _ := http.NewRequest("GET", first.URL+"/a", nil)
	for _, k := range []string{"X-Api-Key", "X-Workspace", "Referer", "Authorization", "X-Pass", "Code"} {
		req.Header.Set(k, "v")
	}
	req.Header.Set("X-Trace", "t")
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, k := range []string{"X-Api-Key", "X-Workspace", "Referer", "Authorization", "X-Pass", "Code"} {
		if got.Get(k) != "" {
			t.Errorf("%s crossed origins", k)
		}
	}
	if got.Get("X-Trace") == "" {
		t.Errorf("X-Trace dropped")
	}
	// at most 20, as fetch
	var hops int
	loop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		hops = n
		if n < 20 {
			http.Redirect(w, r, "/?n="+strconv.Itoa(n+1), 302)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer loop.Close()
	resp, err = hc.Get(loop.URL + "/?n=0")
	if err != nil {
		t.Errorf("20 redirects refused: %v", err)
	} else {
		resp.Body.Close()
	}
	_ = hops
	loop2 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		if n < 21 {
			http.Redirect(w, r, "/?n="+strconv.Itoa(n+1), 302)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer loop2.Close()
	_, err = hc.Get(loop2.URL + "/?n=0")
	if err == nil {
		t.Errorf("21 redirects followed")
	}
}
