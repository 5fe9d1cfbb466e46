package encoders_test

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/encoders"
)

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
