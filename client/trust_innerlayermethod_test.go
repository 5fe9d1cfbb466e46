package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// An answer whose request an inner layer sent with another method than the
// call's (a GET sent as a QUERY or a POST search) is not the key's, whose
// method is the call's: it is not written to the store. A call the layer
// leaves as it is is written and served.
func TestInnerLayerMethodChangeKeepsTheAnswerFromTheStore(t *testing.T) {
	var methods []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		methods = append(methods, r.Method)
		_, _ = io.WriteString(w, `{"v":"1","method":"`+r.Method+`"}`)
	}))
	defer srv.Close()
	asQuery := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			if req.URL.Path == "/search" {
				req = req.Clone(req.Context())
				req.Method = "QUERY"
			}
			return next.RoundTrip(req)
		})
	}
	cl := client.New(client.WithBaseURL(srv.URL), client.WithInnerLayers(asQuery))
	defer cl.CloseIdleConnections()
	for _, path := range []string{"/search", "/plain"} {
		for i := range 2 {
			r, err := cl.Request(context.Background(), client.Option{URL: path, UseStore: true, StoreCheckKey: "v", StoreSign: "1"})
			if err != nil {
				t.Fatal(err)
			}
			if want := path == "/plain" && i == 1; r.FromStore != want {
				t.Errorf("%s call %d: from the store %v, want %v", path, i+1, r.FromStore, want)
			}
		}
	}
	if len(methods) != 3 || methods[0] != "QUERY" || methods[1] != "QUERY" || methods[2] != "GET" {
		t.Errorf("the server saw %v, want QUERY QUERY GET", methods)
	}
}
