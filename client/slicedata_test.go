package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestSliceDataIsKeyedByIndexAsTaroSendsIt holds the README's Data row: a
// slice as GET, HEAD or JSONP data, or as a form body, goes as Taro's
// serializeParams sends an array, its elements keyed by their indexes
// (Object.keys of an array), where it used to fail with
// encoders.ErrUnencodable before any request (taro-diff get-array-data,
// s29-get-top-array-*, post-form-array-data, s29-jsonp-data-top-array).
func TestSliceDataIsKeyedByIndexAsTaroSendsIt(t *testing.T) {
	var mu sync.Mutex
	var got []string // "METHOD RequestURI body"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, r.Method+" "+r.RequestURI+" "+string(b))
		mu.Unlock()
		if cb := r.URL.Query().Get("callback"); cb != "" {
			w.Header().Set("Content-Type", "application/javascript")
			io.WriteString(w, cb+`({"ok":1})`)
			return
		}
		io.WriteString(w, `{}`)
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	form := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	for _, tc := range []struct {
		name string
		opt  client.Option
		want string // prefix of what the server got
	}{
		{"GET", client.Option{URL: "/x", Data: []any{1, "a b", nil, map[string]any{"k": []int{1}}}},
			"GET /x?0=1&1=a%20b&3=%7B%22k%22%3A%5B1%5D%7D "},
		{"GET after a query", client.Option{URL: "/x?q=1", Data: []string{"a", "b"}}, "GET /x?q=1&0=a&1=b "},
		{"GET empty", client.Option{URL: "/x", Data: []int{}}, "GET /x "},
		{"HEAD", client.Option{URL: "/x", Method: "HEAD", Data: [2]int{1, 2}}, "HEAD /x?0=1&1=2 "},
		{"JSONP", client.Option{URL: "/x", JSONP: true, JSONPCache: true, JSONPCallback: "cb", Data: []any{1, "a"}},
			"GET /x?0=1&1=a&callback=cb "},
		{"form", client.Option{URL: "/x", Method: "POST", Header: form, Data: []any{1, "x y"}}, "POST /x 0=1&1=x%20y"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mu.Lock()
			got = nil
			mu.Unlock()
			resp, err := c.Request(context.Background(), tc.opt)
			if err != nil {
				t.Fatalf("Request: %v (%s)", err, resp.ErrMsg)
			}
			mu.Lock()
			defer mu.Unlock()
			if len(got) != 1 || !strings.HasPrefix(got[0], tc.want) {
				t.Fatalf("server got %q, want one request starting %q", got, tc.want)
			}
		})
	}
}
