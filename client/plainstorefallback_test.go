package client_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestPlainClientStoreFallbackWithCredentials: a plain http.Client over
// c.Transport() of a client without WithPartitionKey gets the store's
// stale fallback for a request with credentials, as one without does: the
// store layer and its fallback each drew a random partition key of their
// own, so the fallback looked under another key than the layer wrote and
// never answered a request with an Authorization header.
func TestPlainClientStoreFallbackWithCredentials(t *testing.T) {
	var down atomic.Bool
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, "data of "+r.Header.Get("Authorization"))
	}))
	defer api.Close()
	c := client.New()
	hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
	get := func(auth string) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, api.URL+"/me", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, auth := range []string{"", "Bearer alice"} {
		get(auth)
	}
	down.Store(true)
	for _, auth := range []string{"", "Bearer alice"} {
		if code, body := get(auth); code != http.StatusOK || body != "data of "+auth {
			t.Errorf("%q, API down: %d %q, want its stored answer", auth, code, body)
		}
	}
	if code, body := get("Bearer bob"); code == http.StatusOK {
		t.Errorf("bob, API down, got %q", body)
	}
}
