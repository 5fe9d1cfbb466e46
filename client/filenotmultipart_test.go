package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
)

// TestFileOutsideMultipartIsRefused: an encoders.File is sent only by
// multipart/form-data. In data encoded as JSON, a form or a query it went
// as {"Name":"a.txt","ContentType":"","Reader":{}}: the request succeeded
// and the file's content was lost. It is ErrUnencodable, before any I/O.
func TestFileOutsideMultipartIsRefused(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.Copy(io.Discard, r.Body)
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	file := func() encoders.File { return encoders.File{Name: "a.txt", Reader: strings.NewReader("hello")} }
	cases := []struct {
		method, ct string
		data       any
	}{
		{"POST", "", map[string]any{"f": file()}},
		{"POST", "", file()},
		{"POST", "", map[string]any{"f": &encoders.File{Name: "a.txt"}}},
		{"PUT", "application/json", struct{ F []encoders.File }{[]encoders.File{file()}}},
		{"POST", "application/x-www-form-urlencoded", map[string]any{"f": file()}},
		{"POST", "application/x-www-form-urlencoded", file()},
		{"GET", "", map[string]any{"f": file()}},
		{"GET", "", file()},
		{"GET", "", &encoders.File{Name: "a.txt"}},
		{"POST", "multipart/form-data", map[string]any{"nested": map[string]any{"f": file()}}},
	}
	for _, tc := range cases {
		h := http.Header{}
		if tc.ct != "" {
			h.Set("Content-Type", tc.ct)
		}
		_, err := c.Request(context.Background(), client.Option{URL: "/x", Method: tc.method, Header: h, Data: tc.data})
		if !errors.Is(err, encoders.ErrUnencodable) || !strings.Contains(fmtErr(err), "multipart/form-data") {
			t.Errorf("%s %q %T: err %v, want ErrUnencodable naming multipart/form-data", tc.method, tc.ct, tc.data, err)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("%d requests sent", n)
	}
	// The multipart encoder still sends the file.
	h := http.Header{"Content-Type": {"multipart/form-data"}}
	if _, err := c.Request(context.Background(), client.Option{URL: "/x", Method: "POST", Header: h,
		Data: map[string]any{"f": file(), "g": &encoders.File{Name: "empty"}, "h": []encoders.File{file()}}}); err != nil {
		t.Fatalf("multipart: %v", err)
	}
}

func fmtErr(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
