package client_test

import (
	"context"
	"errors"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A method is upper-cased byte by byte, ASCII only, as fetch normalises
// one: "poſt" (a long s, which Unicode upper-cases to S) and "optıons" (a
// dotless i, upper-cased to I) are no methods, and are refused before any
// I/O. Before, strings.ToUpper made them POST and OPTIONS, and they went.
func TestMethodWithANonASCIILetterIsRefused(t *testing.T) {
	srv := newRecorder(t, jsonHandler(`{}`))
	c := client.New()
	for _, m := range []string{"poſt", "optıons", "deleſe", "ｇｅｔ"} {
		resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, Method: m})
		if !errors.Is(err, client.ErrInvalidMethod) || resp == nil {
			t.Errorf("%q: err = %v, want ErrInvalidMethod", m, err)
		}
		if got := client.MethodText(m); got == "POST" || got == "OPTIONS" {
			t.Errorf("MethodText(%q) = %q, names a method it is not", m, got)
		}
	}
	for _, m := range []string{"post", "Patch", "dElEtE", "options"} {
		if _, err := c.Request(context.Background(), client.Option{URL: srv.URL, Method: m}); err != nil {
			t.Errorf("%q: %v", m, err)
		}
	}
	if n := srv.count.Load(); n != 4 {
		t.Errorf("server got %d requests, want 4", n)
	}
}
