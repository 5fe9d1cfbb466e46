package client

import (
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/internal/layertest"
)

// rawHeadServer answers every request on a loopback TCP listener with head
// as it is, header lines net/http refuses included.
func rawHeadServer(t *testing.T, head string) string {
	return layertest.RawAnswers(t, func(string) string { return head }) + "/"
}

// A credential header line starting with a space is folded by net/textproto
// into the line before; net/http then quotes that value whole in its error
// (bad Content-Length "0 Set-Cookie: sid=…"): the session must not show.
// Lines refused for a byte after the name or a missing colon neither.
func TestTransportErrorHidesFoldedAndRefusedCredentialLines(t *testing.T) {
	c := New()
	for _, head := range []string{
		"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n Set-Cookie: sid=SECRET1\r\n\r\n",
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n Authorization: Bearer SECRET1\r\n\r\n",
		"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nSet-Cookie(: sid=SECRET1\r\n\r\n",
		"HTTP/1.1 200 OK\r\nSet-Cookie sid=SECRET1\r\nContent-Length: 0\r\n\r\n",
	} {
		u := rawHeadServer(t, head)
		resp, err := (&http.Client{Transport: c.Transport()}).Get(u)
		if err == nil {
			resp.Body.Close()
			t.Errorf("%q: no error", head)
			continue
		}
		if strings.Contains(err.Error(), "SECRET1") {
			t.Errorf("%q: %v", head, err)
		}
	}
}
