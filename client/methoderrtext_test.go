package client_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestInvalidMethodErrorOneLine: a method that is no token (a CR/LF, a NUL,
// a space in it) is named quoted in the error, whose text stays on one line:
// the raw method in its prefix would start a forged line in a log.
func TestInvalidMethodErrorOneLine(t *testing.T) {
	c := client.New(client.WithBaseURL("http://127.0.0.1:1"))
	for _, m := range []string{"POST\r\nX-Forged: 1", "GET\n", "\x00", "P OST", strings.Repeat("G", 1000)} {
		_, err := c.Request(context.Background(), client.Option{URL: "/x", Method: m})
		if !errors.Is(err, client.ErrInvalidMethod) {
			t.Fatalf("method %q: err %v, want ErrInvalidMethod", m, err)
		}
		msg := err.Error()
		if strings.ContainsAny(msg, "\r\n\x00") {
			t.Errorf("method %q: error text holds a control byte: %q", m, msg)
		}
		if len(msg) > 400 {
			t.Errorf("method %q: error text of %d bytes", m, len(msg))
		}
	}
	_, err := c.Request(context.Background(), client.Option{URL: "http://[::1", Method: "get"})
	if err == nil || !strings.HasPrefix(err.Error(), "taroreq: get http://[::1: ") {
		t.Errorf("a token method is named as it is: %v", err)
	}
}
