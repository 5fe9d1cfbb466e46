package client

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReadAtMost(t *testing.T) {
	long := strings.Repeat("abcdefgh", 1000) // 8000 bytes
	for _, n := range []int64{0, 1, 511, 512, 513, 7999, 8000, 8001, 1 << 20} {
		for name, r := range map[string]io.Reader{
			"reader":   strings.NewReader(long),
			"one-byte": iotest.OneByteReader(strings.NewReader(long)),
		} {
			got, err := readAtMost(r, n)
			want := long[:min(n, int64(len(long)))]
			if err != nil || string(got) != want {
				t.Fatalf("%s n=%d: %d bytes, %v; want %d bytes", name, n, len(got), err, len(want))
			}
		}
	}
	boom := errors.New("boom")
	got, err := readAtMost(io.MultiReader(bytes.NewReader([]byte("ab")), iotest.ErrReader(boom)), 10)
	if !errors.Is(err, boom) || string(got) != "ab" {
		t.Fatalf("got %q, %v", got, err)
	}
}
