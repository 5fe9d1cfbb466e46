package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// Over HTTP/2 a HEAD, sent with Close (a connection of its own), still
// works, and so do the requests after it, HEADs and GETs mixed.
func TestHeadOverHTTP2(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Proto", r.Proto)
		w.Write([]byte(`{"m":"` + r.Method + `"}`))
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	tr := srv.Client().Transport.(*http.Transport).Clone()
	tr.ForceAttemptHTTP2 = true
	defer tr.CloseIdleConnections()
	c := client.New(client.WithTransport(tr))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for i, m := range []string{"GET", "HEAD", "GET", "HEAD", "HEAD", "GET"} {
		resp, err := c.Request(ctx, client.Option{URL: srv.URL + "/x", Method: m, Mode: client.ModeCORS})
		if err != nil || resp.StatusCode != 200 || resp.Header.Get("X-Proto") != "HTTP/2.0" {
			t.Fatalf("call %d (%s): status %d, proto %q, err %v", i, m, resp.StatusCode, resp.Header.Get("X-Proto"), err)
		}
		if m == "GET" && string(resp.Raw) != `{"m":"GET"}` || m == "HEAD" && len(resp.Raw) != 0 {
			t.Errorf("call %d (%s): body %q", i, m, resp.Raw)
		}
	}
}
