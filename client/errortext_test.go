package client_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// An Option.URL that does not parse is named in the error and ErrMsg with
// its control bytes escaped: a control byte in it cannot forge or garble a
// log line wherever err is printed. Nothing is sent. (A CR or LF is removed
// from a URL before it is parsed, as fetch does: it never reaches the text.)
func TestErrorTextEscapesControlBytesOfBadURL(t *testing.T) {
	c := client.New(client.WithBaseURL("http://127.0.0.1:1"))
	for _, u := range []string{"/x\vlevel=INFO msg=\"admin login ok\"\x1b[2K", "/x\r\nlevel=INFO msg=\"admin login ok\"\x1b[2K"} {
		resp, err := c.Request(context.Background(), client.Option{URL: u})
		if err == nil {
			t.Fatal("want an error")
		}
		if strings.ContainsFunc(err.Error(), isControl) || strings.ContainsFunc(resp.ErrMsg, isControl) {
			t.Errorf("error text carries raw control bytes: %q / ErrMsg %q", err.Error(), resp.ErrMsg)
		}
		if !strings.Contains(err.Error(), "%1B") {
			t.Errorf("error %q does not name the URL with its control bytes escaped", err.Error())
		}
	}
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// MethodText names a method as the client's errors do.
func TestMethodText(t *testing.T) {
	long := strings.Repeat("X", 100)
	for in, want := range map[string]string{
		"":            "GET",
		"patch":       "patch",
		"POST":        "POST",
		"FETCH":       `"FETCH"`,
		"GET\r\n":     `"GET\r\n"`, // a near miss, quoted: one line
		"PROPFIND":    `"PROPFIND"`,
		"GET\r\nX: 1": "[9 bytes withheld]", // no method: it may be a secret
		long:          "[100 bytes withheld]",
	} {
		if got := client.MethodText(in); got != want {
			t.Errorf("MethodText(%q) = %q, want %q", in, got, want)
		}
	}
}

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
