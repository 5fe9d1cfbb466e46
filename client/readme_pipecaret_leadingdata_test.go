package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestPathPipeAndCaretArePercentEncoded: the README's URL row says the path
// "goes out as Go's URL writer has it, | and ^ percent-encoded where fetch
// keeps them, the same path once decoded". The request line carries %7C and
// %5E, the server decodes the path the caller wrote; a base URL's path is
// kept before a relative one.
func TestPathPipeAndCaretArePercentEncoded(t *testing.T) {
	srv, seen := requestLines(t)
	c := client.New(client.WithBaseURL(srv.URL + "/v1"))
	for _, tc := range []struct{ url, wantLine, wantPath string }{
		{"/a|b^c", "/a%7Cb%5Ec", "/a|b^c"},
		{"x|y", "/v1/x%7Cy", "/v1/x|y"},
	} {
		if _, err := c.Request(context.Background(), client.Option{URL: tc.url}); err != nil {
			t.Fatalf("%q: %v", tc.url, err)
		}
		line, path := seen()
		if line != tc.wantLine || path != tc.wantPath {
			t.Errorf("%q went out as %q (path %q), want %q (path %q)", tc.url, line, path, tc.wantLine, tc.wantPath)
		}
	}
}

// TestStringDataLeadingQuestionMarkOrAmpersandIsDropped: the README's Data
// row: a GET's string Data is the query "as it is but for a leading ? or &,
// which is dropped where Taro would send /x??a=1". The query is joined to
// the URL's with one separator, never ?? or ?&, and a Data that is only a
// separator adds nothing. A HEAD's Data is its query too.
func TestStringDataLeadingQuestionMarkOrAmpersandIsDropped(t *testing.T) {
	srv, seen := requestLines(t)
	c := client.New(client.WithBaseURL(srv.URL))
	for _, tc := range []struct {
		method, url, data, want string
	}{
		{"GET", "/x", "?a=1", "/x?a=1"},
		{"GET", "/x", "&a=1", "/x?a=1"},
		{"GET", "/x?z=0", "&a=1", "/x?z=0&a=1"},
		{"GET", "/x?z=0", "?a=1", "/x?z=0&a=1"},
		{"GET", "/x?", "?a=1", "/x?a=1"},
		{"GET", "/x", "a=1", "/x?a=1"},
		{"GET", "/x", "?", "/x"},
		{"GET", "/x", "&", "/x"},
		{"HEAD", "/x", "?h=1", "/x?h=1"},
	} {
		if _, err := c.Request(context.Background(), client.Option{Method: tc.method, URL: tc.url, Data: tc.data}); err != nil {
			t.Fatalf("%s %q + %q: %v", tc.method, tc.url, tc.data, err)
		}
		if line, _ := seen(); line != tc.want {
			t.Errorf("%s %q with Data %q went out as %q, want %q", tc.method, tc.url, tc.data, line, tc.want)
		}
	}
}

// requestLines starts a server that keeps the last request's target as it
// came on the request line, and its decoded path.
func requestLines(t *testing.T) (*httptest.Server, func() (line, path string)) {
	t.Helper()
	var mu sync.Mutex
	var line, path string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		line, path = r.RequestURI, r.URL.Path
		mu.Unlock()
		w.Write([]byte(`{}`))
	}))
	t.Cleanup(srv.Close)
	return srv, func() (string, string) {
		mu.Lock()
		defer mu.Unlock()
		l, p := line, path
		line, path = "", ""
		return l, p
	}
}
