package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// Accept-Encoding is a forbidden request header in fetch (a browser sets it
// itself, in every mode): a no-cors call that carries one, identity (kept)
// or another (dropped), is never refused as a header that is not
// CORS-safelisted.
func TestNoCORSTakesAcceptEncodingIdentity(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get("Accept-Encoding"))
		w.Write([]byte("hello"))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	for _, ae := range []string{"gzip", "identity"} {
		resp, err := c.Request(context.Background(), client.Option{URL: "/x", Mode: client.ModeNoCORS,
			Header: http.Header{"Accept-Encoding": {ae}}})
		t.Logf("AE %q: err=%v status=%d", ae, err, resp.StatusCode)
		if err != nil {
			t.Errorf("no-cors with Accept-Encoding: %s failed: %v", ae, err)
		}
	}
	t.Logf("server saw %q", got)
}
