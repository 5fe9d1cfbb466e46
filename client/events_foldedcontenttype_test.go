package client

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// A server's Content-Type with a credential header line folded into it
// (net/textproto joins a line starting with a space to the one before:
// "Content-Type: text/html", then " Set-Cookie: sid=…") is quoted by the
// error of an Events call that did not get an event stream: the line's
// value must not show in it, while the media type still does.
func TestEventsNotAStreamHidesACredentialLineFoldedIntoContentType(t *testing.T) {
	u := rawHeadServer(t, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n Set-Cookie: sid=SECRET1\r\nContent-Length: 0\r\n\r\n")
	var errs []error
	for _, err := range New().Events(context.Background(), Option{URL: u, RetryTimes: NoRetry}) {
		errs = append(errs, err)
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrNotEventStream) {
		t.Fatalf("errors %v; want one ErrNotEventStream", errs)
	}
	s := errText(errs[0])
	if strings.Contains(s, "SECRET1") || !strings.Contains(s, "text/html") {
		t.Errorf("error %s: want text/html shown and SECRET1 not", s)
	}
}
