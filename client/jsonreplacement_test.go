package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// fetch's json() is JSON.parse of the WHATWG UTF-8 decode of the body, which
// replaces each maximal subpart of an ill-formed sequence by one U+FFFD
// before parsing: a 3-byte character cut after 2 bytes inside a string is
// one U+FFFD (encoding/json alone gives one per byte). Expected values are
// what Taro's request gives (taro-diff, ed-resp-truncated-*).
func TestJSONReplacementIsFetchs(t *testing.T) {
	const R = "\uFFFD"
	for _, tc := range []struct{ body, want string }{
		{"{\"a\":\"x\xE2\x82 y\"}", "x" + R + " y"},
		{"{\"a\":\"x\xF0\x9F\x98 y\"}", "x" + R + " y"},
		{"{\"a\":\"x\xED\xA0\x80 y\"}", "x" + R + R + R + " y"},
		{"{\"a\":\"x\xff y\"}", "x" + R + " y"},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			if cb := r.URL.Query().Get("callback"); cb != "" {
				w.Write([]byte(cb + "(" + tc.body + ");"))
				return
			}
			w.Write([]byte(tc.body))
		}))
		c := client.New(client.WithBaseURL(srv.URL))
		ctx := context.Background()
		for _, jsonp := range []bool{false, true} {
			resp, err := c.Request(ctx, client.Option{URL: "/j", JSONP: jsonp})
			if err != nil {
				t.Fatalf("body %q, JSONP %v: %v", tc.body, jsonp, err)
			}
			m, _ := resp.Data.(map[string]any)
			if m["a"] != tc.want {
				t.Errorf("body %q, JSONP %v: a = %q, fetch's json() gives %q", tc.body, jsonp, m["a"], tc.want)
			}
		}
		res, err := client.Do[struct{ A string }](ctx, c, client.Option{URL: "/j"})
		if err != nil {
			t.Fatalf("body %q, Do: %v", tc.body, err)
		}
		if res.Value.A != tc.want {
			t.Errorf("body %q, Do: A = %q, fetch's json() gives %q", tc.body, res.Value.A, tc.want)
		}
		srv.Close()
	}
}
