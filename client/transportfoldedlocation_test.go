package client

import (
	"context"
	"strings"
	"testing"
)

// A credential header line after a Location that does not parse is folded
// into it by net/textproto; net/http's redirect error quotes the value
// whole, twice: the session must not show. (A plain http.Client's own
// redirect error does not pass through c.Transport(): not tested.)
func TestRedirectErrorHidesACredentialLineFoldedIntoLocation(t *testing.T) {
	c := New()
	u := rawHeadServer(t, "HTTP/1.1 302 Found\r\nLocation: /%zz\r\n Set-Cookie: a=SECRET1\r\nContent-Length: 0\r\n\r\n")
	r, err := c.Request(context.Background(), Option{URL: u, RetryTimes: NoRetry})
	texts := []string{errText(err)}
	if r != nil {
		texts = append(texts, r.ErrMsg)
	}
	for n, s := range texts {
		if !strings.Contains(s, "Location") || strings.Contains(s, "SECRET1") {
			t.Errorf("call %d: %q; want the Location error without the session", n, s)
		}
	}
}
