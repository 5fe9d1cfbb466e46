package httpcache_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// In a shared cache, a 304 that says private answers its own user but
// never updates the copy every user is served.
func TestShared304PrivateStaysWithItsUser(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.Header().Set("Cache-Control", "private, max-age=600")
			w.Header().Set("X-Account", "account-of-"+r.Header.Get("X-Who"))
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=0")
		_, _ = io.WriteString(w, "page")
	}))
	defer srv.Close()
	hc := &http.Client{Transport: httpcache.New(http.DefaultTransport, httpcache.WithShared())}
	defer hc.CloseIdleConnections()
	get := func(who string) *http.Response {
		req, _ := http.NewRequest("GET", srv.URL+"/p", nil)
		req.Header.Set("X-Who", who)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp
	}
	get("alice")
	if got := get("bob").Header.Get("X-Account"); got != "account-of-bob" {
		t.Fatalf("bob's own 304 fields: %q", got)
	}
	if got := get("carol").Header.Get("X-Account"); got == "account-of-bob" {
		t.Errorf("carol was served bob's private 304 field %q", got)
	}
}
