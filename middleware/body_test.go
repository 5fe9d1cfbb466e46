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
	b, err := middleware.BufferBody(r, 5)
	if err != nil || string(b) != "hello" || r.ContentLength != 5 {
		t.Fatalf("within: %q %v, length %d", b, err, r.ContentLength)
	}
	if bb, isBuf := r.Body.(*middleware.BufferedBody); !isBuf || string(bb.Bytes()) != "hello" {
		t.Fatalf("body is %T", r.Body)
	}
	// Already buffered: taken as it is, whatever the bound.
	if b, err := middleware.BufferBody(r, 1); err != nil || string(b) != "hello" {
		t.Fatalf("buffered: %q %v", b, err)
	}
	// Over the bound: nothing kept, every byte still readable.
	r = resp(strings.NewReader("hello world"))
	if b, err := middleware.BufferBody(r, 5); !errors.Is(err, middleware.ErrTooLarge) || b != nil {
		t.Fatalf("over: %q %v", b, err)
	}
	if all, err := io.ReadAll(r.Body); err != nil || string(all) != "hello world" {
		t.Fatalf("over, handed on: %q %v", all, err)
	}
	// A failing read: what was read, then the same error.
	boom := errors.New("boom")
	r = resp(io.MultiReader(bytes.NewReader([]byte("ab")), iotest.ErrReader(boom)))
	if _, err := middleware.BufferBody(r, 100); !errors.Is(err, boom) {
		t.Fatalf("broken body: err %v", err)
	}
	if all, err := io.ReadAll(r.Body); !errors.Is(err, boom) || string(all) != "ab" {
		t.Fatalf("broken, handed on: %q %v", all, err)
	}
}

// TestBufferBodyBodiless: the body of a response to HEAD, or of a 1xx, 204
// or 304, is empty whatever Content-Length says or the transport sends.
func TestBufferBodyBodiless(t *testing.T) {
	for _, c := range []struct {
		method string
		status int
	}{{"HEAD", 200}, {"GET", 204}, {"GET", 205}, {"GET", 304}, {"GET", 103}, {"POST", 204}, {"HEAD", 404}} {
		closed := false
		r := &http.Response{StatusCode: c.status, ContentLength: 73, Request: &http.Request{Method: c.method},
			Body: closer{Reader: strings.NewReader("not a body"), closed: &closed}}
		b, err := middleware.BufferBody(r, 100)
		if err != nil || len(b) != 0 || !closed {
			t.Errorf("%s %d: %q %v, closed %v", c.method, c.status, b, err, closed)
		}
		if all, _ := io.ReadAll(r.Body); len(all) != 0 || r.ContentLength != 73 {
			t.Errorf("%s %d: handed on %q, length %d", c.method, c.status, all, r.ContentLength)
		}
	}
	if !middleware.Bodiless("HEAD", 200) || middleware.Bodiless("GET", 200) || middleware.Bodiless("GET", 206) {
		t.Error("Bodiless")
	}
}

type closer struct {
	io.Reader
	closed *bool
}

func (c closer) Close() error { *c.closed = true; return nil }
