package encoders_test

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/encoders"
)

// A list of io.Readers as a multipart field's value (the files of one
// field, given as readers rather than encoders.Files) went as the text
// "[{}]", every content lost and the request a success, where one reader
// as a field's value is refused: it is refused too, before any read.
func TestMultipartRefusesReaderListAsField(t *testing.T) {
	type form struct {
		Photos []io.Reader
	}
	for name, data := range map[string]any{
		"[]any":       map[string]any{"photos": []any{strings.NewReader("jpeg bytes")}},
		"[]io.Reader": map[string]any{"photos": []io.Reader{strings.NewReader("jpeg bytes")}},
		"struct":      form{Photos: []io.Reader{strings.NewReader("jpeg bytes")}},
		"array":       map[string]any{"photos": [1]io.Reader{strings.NewReader("jpeg bytes")}},
		"pointer":     map[string]any{"photos": &[]io.Reader{strings.NewReader("jpeg bytes")}},
	} {
		t.Run(name, func(t *testing.T) {
			body, _, err := encoders.Multipart{}.Encode(data, "multipart/form-data")
			if !errors.Is(err, encoders.ErrUnencodable) {
				t.Fatalf("err %v, body %q: want ErrUnencodable, not the content lost", err, body)
			}
		})
	}
}

// Lists that are text (or files) still go as before.
func TestMultipartListsStillEncode(t *testing.T) {
	for name, data := range map[string]any{
		"strings": map[string]any{"tags": []string{"a", "b"}},
		"nilslot": map[string]any{"tags": []any{nil, 1}},
		"files":   map[string]any{"photos": []encoders.File{{Name: "a.jpg", Reader: strings.NewReader("jpeg")}}},
		"bytes":   map[string]any{"raw": []byte("abc")},
	} {
		t.Run(name, func(t *testing.T) {
			if _, _, err := (encoders.Multipart{}).Encode(data, "multipart/form-data"); err != nil {
				t.Fatal(err)
			}
		})
	}
}
