package encoders_test

import (
	"errors"
	"testing"

	"github.com/taroreq/taroreq/encoders"
)

// A nil *Registry reads as an empty one, as the zero Registry: bytes still
// go as they are, structured data is ErrUnsupportedContentType (no encoder
// registered, JSON's neither), and Clone gives an empty Registry; never a
// panic.
func TestNilRegistryIsEmpty(t *testing.T) {
	var r *encoders.Registry
	if e, ok := r.Lookup("application/xml"); ok || e != nil {
		t.Errorf("Lookup on nil = %v, %v", e, ok)
	}
	if b, err := r.EncodeBody([]byte("raw"), "", 0); err != nil || b == nil {
		t.Errorf("bytes through a nil Registry: %v, %v", b, err)
	}
	if _, err := r.EncodeBody(map[string]int{"a": 1}, "", 0); !errors.Is(err, encoders.ErrUnsupportedContentType) {
		t.Errorf("JSON through a nil Registry: %v", err)
	}
	if _, err := r.EncodeBody(map[string]int{"a": 1}, "application/xml", 0); !errors.Is(err, encoders.ErrUnsupportedContentType) {
		t.Errorf("XML through a nil Registry: %v", err)
	}
	c := r.Clone()
	c.Register("text/csv", encoders.EncoderFunc(func(any, string) ([]byte, string, error) { return nil, "text/csv", nil }))
	if _, ok := c.Lookup("text/csv"); !ok {
		t.Error("a clone of nil takes no registration")
	}
}
