package client_test

import (
	"compress/gzip"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

func TestReadmeAcceptEncodingTransports(t *testing.T) {
	var seen string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = r.Header.Get("Accept-Encoding")
		if strings.Contains(seen, "gzip") {
			w.Header().Set("Content-Encoding", "gzip")
			gz := gzip.NewWriter(w)
			gz.Write([]byte(`{"a":1}`))
			gz.Close()
			return
		}
		w.Write([]byte(`{"a":2}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	for _, ae := range []string{"", "gzip", "br", "gzip, deflate, br"} {
		h := http.Header{}
		if ae != "" {
			h.Set("Accept-Encoding", ae)
		}
		resp, err := c.Request(context.Background(), client.Option{URL: "/x", Header: h})
		if err != nil {
			t.Fatal(err)
		}
		m, _ := resp.Data.(map[string]any)
		if seen != "gzip" || m["a"] != 1.0 {
			t.Errorf("user %q: server saw %q, data %#v", ae, seen, resp.Data)
		}
	}
}
