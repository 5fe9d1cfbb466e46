package client

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// net/http quotes every Transfer-Encoding or Content-Length value of a
// response with more than one ("too many transfer encodings: [\"chunked\"
// \"gzip Set-Cookie: sid=…\"]"): a credential line folded into a later
// element, or one whose name a refused byte follows, must not show in the
// error of Request, Do, a Task or a plain http.Client on c.Transport().
func TestTransportErrorHidesCredentialLineFoldedIntoAListElement(t *testing.T) {
	c := New(WithCredentialHeaders("X-Session"))
	for _, head := range []string{
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n Set-Cookie: a=SECRET1\r\n\r\n",
		"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n X-Session: SECRET1\r\n\r\n",
		"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n Set-Cookie(: a=SECRET1\r\n\r\n",
		"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n Set-Cookie\x01: a=SECRET1\r\n\r\n",
	} {
		u := rawHeadServer(t, head)
		opt := Option{URL: u, RetryTimes: NoRetry}
		texts := []string{}
		resp, err := (&http.Client{Transport: c.Transport()}).Get(u)
		if err == nil {
			resp.Body.Close()
		}
		texts = append(texts, errText(err))
		r, err := c.Request(context.Background(), opt)
		texts = append(texts, errText(err))
		if r != nil {
			texts = append(texts, r.ErrMsg)
		}
		_, err = Do[map[string]any](context.Background(), c, opt)
		texts = append(texts, errText(err))
		_, err = c.Go(context.Background(), opt).Wait()
		texts = append(texts, errText(err))
		for n, s := range texts {
			if s == "" && n != 2 {
				t.Errorf("%q: call %d gave no error", head, n)
			}
			if strings.Contains(s, "SECRET1") {
				t.Errorf("%q: call %d: %s", head, n, s)
			}
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
