package client_test

import (
	"context"
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
