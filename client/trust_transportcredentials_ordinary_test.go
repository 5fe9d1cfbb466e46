package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/go-retryablehttp"
	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/transports"
)

// The bottom layer's watch of the transport (noteTransportCredentials)
// must not take an ordinary transport for one that set credentials: over
// net/http's (HTTP/1 and HTTP/2), the recorder, the scripted fake and
// go-retryablehttp's RoundTripper, the second call of a cacheable URL, with
// a token of the caller's and a cookie of the jar, is the HTTP cache's and
// the store's, and a plain http.Client's second request the cache's.
func TestOrdinaryTransportsKeepCaching(t *testing.T) {
	var hits atomic.Int32
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path != "/plain" { // a plain http.Client's jar would take it: not stored
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: "s1", Path: "/"})
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "private, max-age=60")
		io.WriteString(w, `{"v":"1"}`)
	})
	srv := httptest.NewServer(handler)
	defer srv.Close()
	h2 := httptest.NewUnstartedServer(handler)
	h2.EnableHTTP2 = true
	h2.StartTLS()
	defer h2.Close()
	rec, err := transports.NewRecorder(http.DefaultTransport, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	scripted := transports.NewScripted()
	scripted.On("GET", transports.Any).Then(transports.Step{Status: 200, Body: []byte(`{"v":"1"}`),
		Header: http.Header{"Content-Type": {"application/json"}, "Cache-Control": {"private, max-age=60"}}})
	rh := retryablehttp.NewClient()
	rh.Logger = nil
	defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	for _, tc := range []struct {
		name string
		url  string
		rt   http.RoundTripper
		net  bool // hits counts its requests
	}{
		{"http1", srv.URL, http.DefaultTransport, true},
		{"http2", h2.URL, h2.Client().Transport, true},
		{"recorder", srv.URL, rec, true},
		{"retryablehttp", srv.URL, &retryablehttp.RoundTripper{Client: rh}, true},
		{"scripted", "http://scripted.test", scripted, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := client.New(client.WithTransport(tc.rt), client.WithHTTPCache())
			defer c.CloseIdleConnections()
			hdr := http.Header{"Authorization": {"Bearer alice"}}
			for i, o := range []client.Option{
				{URL: tc.url + "/cache", Header: hdr},
				{URL: tc.url + "/store", Header: hdr, UseStore: true, StoreCheckKey: "v", StoreSign: "1"},
			} {
				for n := range 2 {
					hits.Store(0)
					r, err := c.Request(context.Background(), o)
					if err != nil {
						t.Fatal(err)
					}
					if n == 1 && (i == 0 && !r.FromCache || i == 1 && !r.FromStore || tc.net && hits.Load() != 0) {
						t.Errorf("%s again: FromCache %v, FromStore %v, %d requests to the origin", o.URL, r.FromCache, r.FromStore, hits.Load())
					}
				}
			}
			hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
			for n := range 2 {
				hits.Store(0)
				req, _ := http.NewRequest(http.MethodGet, tc.url+"/plain", nil)
				req.Header.Set("Authorization", "Bearer alice")
				resp, err := hc.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if n == 1 && tc.net && hits.Load() != 0 {
					t.Errorf("plain request again: %d requests to the origin", hits.Load())
				}
			}
		})
	}
}
