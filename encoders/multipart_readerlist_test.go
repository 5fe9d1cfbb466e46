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

// EncodeReading reads every File it sends through read, and only those;
// read's error fails the encoding.
func TestMultipartEncodeReading(t *testing.T) {
	type upload struct {
		A    encoders.File  `json:"a"`
		Left *encoders.File `json:"-"`
	}
	data := upload{A: encoders.File{Name: "a", Reader: strings.NewReader("original")},
		Left: &encoders.File{Name: "left", Reader: strings.NewReader("never")}}
	var seen []int64
	read := func(r io.Reader, limit int64) (io.Reader, error) {
		seen = append(seen, limit)
		return strings.NewReader("replaced"), nil
	}
	m := encoders.Multipart{Boundary: "b", MaxFileBytes: 100}
	body, _, err := m.EncodeReading(data, "multipart/form-data", read)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(body), "replaced") || strings.Contains(string(body), "original") || len(seen) != 1 || seen[0] != 100 {
		t.Fatalf("body %q, read called with %v", body, seen)
	}
	boom := errors.New("boom")
	if _, _, err := m.EncodeReading(data, "", func(io.Reader, int64) (io.Reader, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	r := encoders.NewRegistry()
	b, err := r.EncodeBodyReading(data, "multipart/form-data", 0, read)
	if err != nil || !strings.Contains(string(b.Bytes()), "replaced") {
		t.Fatalf("registry: %v %q", err, b.Bytes())
	}
}
