package middleware_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/taroreq/taroreq/middleware"
)

func TestBufferBody(t *testing.T) {
	resp := func(r io.Reader) *http.Response {
		return &http.Response{Body: io.NopCloser(r), ContentLength: -1}
	}
	// Within the bound: the bytes, and a BufferedBody over them.
	r := resp(strings.NewReader("hello"))
	b, ok := middleware.BufferBody(r, 5)
	if !ok || string(b) != "hello" {
		t.Fatalf("within: %q %v", b, ok)
	}
	if bb, isBuf := r.Body.(*middleware.BufferedBody); !isBuf || string(bb.Bytes()) != "hello" {
		t.Fatalf("body is %T", r.Body)
	}
	// Already buffered: taken as it is, whatever the bound.
	if b, ok := middleware.BufferBody(r, 1); !ok || string(b) != "hello" {
		t.Fatalf("buffered: %q %v", b, ok)
	}
	// Over the bound: nothing kept, every byte still readable.
	r = resp(strings.NewReader("hello world"))
	if b, ok := middleware.BufferBody(r, 5); ok || b != nil {
		t.Fatalf("over: %q %v", b, ok)
	}
	if all, err := io.ReadAll(r.Body); err != nil || string(all) != "hello world" {
		t.Fatalf("over, handed on: %q %v", all, err)
	}
	// A failing read: what was read, then the same error.
	boom := errors.New("boom")
	r = resp(io.MultiReader(bytes.NewReader([]byte("ab")), iotest.ErrReader(boom)))
	if _, ok := middleware.BufferBody(r, 100); ok {
		t.Fatal("broken body reported buffered")
	}
	if all, err := io.ReadAll(r.Body); !errors.Is(err, boom) || string(all) != "ab" {
		t.Fatalf("broken, handed on: %q %v", all, err)
	}
}
