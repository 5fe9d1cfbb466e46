package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
)

// TestMultipartValueHoldingTheBoundary: with a boundary of the caller's
// (Content-Type: multipart/form-data; boundary=X, or Multipart.Boundary), a
// field value or file content holding "--X" ended its part early: text an
// end user typed into one field ("comment") reached the server as other
// fields of its choosing ("admin=true"). Such data is ErrUnencodable, before
// any I/O; values without the boundary go as before.
func TestMultipartValueHoldingTheBoundary(t *testing.T) {
	var hits atomic.Int32
	var got atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		var names []string
		for k := range r.MultipartForm.Value {
			names = append(names, k)
		}
		for k := range r.MultipartForm.File {
			names = append(names, k)
		}
		slices.Sort(names)
		got.Store(strings.Join(names, ","))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	ctx := context.Background()
	header := http.Header{"Content-Type": {"multipart/form-data; boundary=XYZ"}}
	injected := "hi\r\n--XYZ\r\nContent-Disposition: form-data; name=\"admin\"\r\n\r\ntrue"

	for name, data := range map[string]any{
		"field": map[string]any{"comment": injected},
		"file":  map[string]any{"upload": encoders.File{Name: "a.txt", Reader: strings.NewReader(injected)}},
	} {
		hits.Store(0)
		got.Store("")
		_, err := c.Request(ctx, client.Option{URL: "/", Method: "POST", Header: header, Data: data})
		if !errors.Is(err, encoders.ErrUnencodable) {
			t.Errorf("%s: err = %v, want ErrUnencodable; the server read fields %q", name, err, got.Load())
		}
		if n := hits.Load(); n != 0 {
			t.Errorf("%s: %d requests sent, want none", name, n)
		}
	}

	// The same boundary with data that does not hold it is sent as it is.
	resp, err := c.Request(ctx, client.Option{URL: "/", Method: "POST", Header: header,
		Data: map[string]any{"comment": "hi -- XYZ", "upload": encoders.File{Name: "a.txt", Reader: strings.NewReader("--XY")}}})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("plain data: %v, %v", resp, err)
	}
	if g := got.Load(); g != "comment,upload" {
		t.Errorf("fields = %q", g)
	}

	// The encoder's own Boundary is checked alike.
	_, _, err = encoders.Multipart{Boundary: "XYZ"}.Encode(map[string]any{"comment": injected}, "multipart/form-data")
	if !errors.Is(err, encoders.ErrUnencodable) {
		t.Errorf("Multipart{Boundary}: err = %v", err)
	}
}
