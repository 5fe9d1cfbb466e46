package client_test

import (
	"context"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// An Option.URL that does not parse is named in the error and ErrMsg with
// its control bytes escaped: a CR/LF in it cannot forge a log line
// wherever err is printed. Nothing is sent.
func TestErrorTextEscapesControlBytesOfBadURL(t *testing.T) {
	c := client.New(client.WithBaseURL("http://127.0.0.1:1"))
	resp, err := c.Request(context.Background(), client.Option{URL: "/x\r\nlevel=INFO msg=\"admin login ok\""})
	if err == nil {
		t.Fatal("want an error")
	}
	if strings.ContainsAny(err.Error(), "\r\n") || strings.ContainsAny(resp.ErrMsg, "\r\n") {
		t.Errorf("error text carries raw CR/LF: %q / ErrMsg %q", err.Error(), resp.ErrMsg)
	}
	if !strings.Contains(err.Error(), "%0D%0A") {
		t.Errorf("error %q does not name the URL with its CR/LF escaped", err.Error())
	}
}
