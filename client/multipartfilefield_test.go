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

// TestMultipartContentWithoutAFilePart: an encoders.File given as the whole
// multipart Data went as three text fields, Name, ContentType and Reader
// ("{}"), and an io.Reader as a field's value as the field "{}": the
// request succeeded with the content lost. Both are ErrUnencodable before
// any I/O; a File under a field name is sent as before.
func TestMultipartContentWithoutAFilePart(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.Copy(io.Discard, r.Body)
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	header := http.Header{"Content-Type": {"multipart/form-data"}}
	for name, data := range map[string]any{
		"File":          encoders.File{Name: "a.txt", Reader: strings.NewReader("hello")},
		"*File":         &encoders.File{Name: "a.txt", Reader: strings.NewReader("hello")},
		"reader field":  map[string]any{"title": "t", "file": strings.NewReader("hello")},
		"reader struct": struct{ Upload io.Reader }{strings.NewReader("hello")},
	} {
		_, err := c.Request(context.Background(), client.Option{URL: "/", Method: "POST", Header: header, Data: data})
		if !errors.Is(err, encoders.ErrUnencodable) {
			t.Errorf("%s: err = %v, want ErrUnencodable", name, err)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
	_, err := c.Request(context.Background(), client.Option{URL: "/", Method: "POST", Header: header,
		Data: map[string]any{"file": encoders.File{Name: "a.txt", Reader: strings.NewReader("hello")}, "none": (*strings.Reader)(nil)}})
	if err != nil || hits.Load() != 1 {
		t.Errorf("a File under a field name: %v, %d requests", err, hits.Load())
	}
}
