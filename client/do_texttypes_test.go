package client_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestDoFollowsDataTypeAndResponseType: Do[string] with a DataType other
// than json gets the body's text and Do[[]byte] with ResponseType
// arraybuffer its bytes, as Request's Data holds them; they failed with
// ErrDecode, the body being no JSON. Another T is still decoded from JSON,
// and a json DataType still decodes a JSON string.
func TestDoFollowsDataTypeAndResponseType(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/json" {
			_, _ = w.Write([]byte(`"quoted"`))
			return
		}
		_, _ = w.Write([]byte("\xef\xbb\xbfhello, \xffworld"))
	})
	ctx := context.Background()
	c := client.New()
	s, err := client.Do[string](ctx, c, client.Option{URL: srv.URL + "/text", DataType: "text"})
	if err != nil || s.Value != "hello, \uFFFDworld" || s.Data != s.Value {
		t.Fatalf("Do[string], DataType text: %q, %v; want the text as Request's Data has it", s.Value, err)
	}
	b, err := client.Do[[]byte](ctx, c, client.Option{URL: srv.URL + "/text", ResponseType: client.ResponseTypeArrayBuffer})
	if err != nil || string(b.Value) != "\xef\xbb\xbfhello, \xffworld" {
		t.Fatalf("Do[[]byte], arraybuffer: %q, %v; want the bytes", b.Value, err)
	}
	if _, err := client.Do[map[string]int](ctx, c, client.Option{URL: srv.URL + "/text", DataType: "text"}); !errors.Is(err, client.ErrDecode) {
		t.Fatalf("Do[map], DataType text, a text body: %v, want ErrDecode", err)
	}
	j, err := client.Do[string](ctx, c, client.Option{URL: srv.URL + "/json"})
	if err != nil || j.Value != "quoted" {
		t.Fatalf("Do[string], json: %q, %v", j.Value, err)
	}
}
