package store_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware/store"
)

// TestOwnAcceptEncodingKeyIsStable: a plain http.Client's request whose
// header map holds Accept-Encoding under two spellings (net/http sends
// both) is keyed the same every time: the key took the spellings in the
// map's order, which Go varies from one iteration to the next, so the same
// request found its own entry about one time in two and wrote another.
func TestOwnAcceptEncodingKeyIsStable(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.WriteString(w, "hello")
	}))
	defer srv.Close()
	always := store.WithCheck(func(*http.Response, []byte) bool { return true })
	hc := &http.Client{Transport: store.New(nil, store.NewMemory(), always)}
	for range 20 {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/doc", nil)
		req.Header["Accept-Encoding"] = []string{"identity"}
		req.Header["accept-encoding"] = []string{"br"}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("%d of 20 identical requests reached the server, want 1 (the others from the store)", n)
	}
}
