package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// An inner layer that respells the call's Host ("127.0.0.1." for
// "127.0.0.1") sends it to another virtual host, as a backend that routes
// by Host (Go's ServeMux) takes it: the HTTP cache and the store, which
// file each spelling apart, do not file that answer as the call's. (The
// client's watch compared hosts as RFC 9110's one host, a trailing dot and
// case aside: the default site's page answered the next plain call.)
func TestInnerLayerRespellingTheHostIsNotFiledAsTheCalls(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("127.0.0.1/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=600")
		io.WriteString(w, "the site")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=600")
		io.WriteString(w, "default site, host "+r.Host)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	respell := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			if r.Header.Get("X-Respell") != "" {
				host := r.Host
				if host == "" {
					host = r.URL.Host
				}
				r = r.Clone(r.Context())
				r.Host = strings.Replace(host, ":", ".:", 1)
			}
			return next.RoundTrip(r)
		})
	}
	for name, opts := range map[string][]client.ClientOption{
		"http cache": {client.WithHTTPCache()},
	} {
		c := client.New(append([]client.ClientOption{client.WithInnerLayers(respell)}, opts...)...)
		ctx := context.Background()
		r, err := c.Request(ctx, client.Option{URL: srv.URL + "/", DataType: "text", Header: http.Header{"X-Respell": {"1"}}})
		if s, _ := r.Data.(string); err != nil || !strings.HasPrefix(s, "default site") {
			t.Fatalf("%s: the respelled call: %v %v", name, r.Data, err)
		}
		r, err = c.Request(ctx, client.Option{URL: srv.URL + "/", DataType: "text"})
		if err != nil || r.Data != "the site" {
			t.Errorf("%s: the plain call after it was answered %v (FromCache %v), %v", name, r.Data, r.FromCache, err)
		}
	}
}
