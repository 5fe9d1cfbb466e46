package client

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// A server that starts its answer with a header line, no status line (a
// CGI script's bug), has net/http quote the line's second word as a
// malformed status code: a Set-Cookie's or an API key's value, without the
// name that would tell it is one. It must not show in the call's error.
func TestTransportErrorHidesAHeaderValueReadAsTheStatusCode(t *testing.T) {
	c := New()
	for _, head := range []string{
		"Set-Cookie: a=SECRET1\r\nContent-Length: 0\r\n\r\n",
		"X-Api-Key: SECRET1\r\nContent-Length: 0\r\n\r\n",
	} {
		u := rawHeadServer(t, head)
		resp, err := (&http.Client{Transport: c.Transport()}).Get(u)
		if err == nil {
			resp.Body.Close()
		}
		texts := []string{errText(err)}
		r, err := c.Request(context.Background(), Option{URL: u, RetryTimes: NoRetry})
		texts = append(texts, errText(err))
		if r != nil {
			texts = append(texts, r.ErrMsg)
		}
		for n, s := range texts {
			if !strings.Contains(s, "malformed HTTP status code") {
				t.Errorf("%q: call %d: %q; want net/http's malformed status code", head, n, s)
			}
			if strings.Contains(s, "SECRET1") {
				t.Errorf("%q: call %d: %s", head, n, s)
			}
		}
	}
}
