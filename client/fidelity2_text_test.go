package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// fetch's text() (WHATWG UTF-8 decode) replaces each maximal subpart of an
// ill-formed sequence by one U+FFFD: a 4-byte character cut after 3 bytes is
// one U+FFFD. Expected values from node: new Response(bytes).text().
func TestTextReplacementIsFetchs(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"a\xF0\x9F\x98b", "a\uFFFDb"},
		{"a\xE2\x82b", "a\uFFFDb"},
		{"\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD"},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.Write([]byte(tc.body))
		}))
		c := client.New(client.WithBaseURL(srv.URL))
		resp, err := c.Request(context.Background(), client.Option{URL: "/t", DataType: "text"})
		srv.Close()
		if err != nil {
			t.Fatal(err)
		}
		if resp.Data != tc.want {
			t.Errorf("body %q: Data %q, fetch's text() gives %q", tc.body, resp.Data, tc.want)
		}
	}
}
