package encoders_test

import (
	"errors"
	"io"
	"testing"

	"github.com/taroreq/taroreq/encoders"
)

// zeros reads as endless zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// Multipart's doc promises that a File longer than MaxFileBytes, "<= 0
// means DefaultMaxFileBytes" (32 MiB), is ErrBodyTooLarge; the tests gave
// a bound (10, 100). The zero Multipart, as the client's multipart encoder
// is, takes a File of exactly 32 MiB and refuses one of a byte more, and
// so does one given a negative bound (its refusal alone: each 32 MiB
// encoding costs seconds under -race).
func TestMultipartDefaultFileBoundIs32MiB(t *testing.T) {
	if encoders.DefaultMaxFileBytes != 32<<20 {
		t.Errorf("DefaultMaxFileBytes %d, the doc says 32 MiB", encoders.DefaultMaxFileBytes)
	}
	for _, c := range []struct {
		m    encoders.Multipart
		size int64
		ok   bool
	}{{encoders.Multipart{}, 32 << 20, true}, {encoders.Multipart{}, 32<<20 + 1, false}, {encoders.Multipart{MaxFileBytes: -1}, 32<<20 + 1, false}} {
		m := c.m
		data := map[string]any{"f": encoders.File{Name: "z.bin", Reader: io.LimitReader(zeros{}, c.size)}}
		body, _, err := m.Encode(data, "multipart/form-data")
		if c.ok && (err != nil || int64(len(body)) < c.size) {
			t.Errorf("MaxFileBytes %d, a file of %d bytes: %v, a body of %d bytes; want it sent whole", m.MaxFileBytes, c.size, err, len(body))
		}
		if !c.ok && !errors.Is(err, encoders.ErrBodyTooLarge) {
			t.Errorf("MaxFileBytes %d, a file of %d bytes: %v; want ErrBodyTooLarge", m.MaxFileBytes, c.size, err)
		}
	}
}
