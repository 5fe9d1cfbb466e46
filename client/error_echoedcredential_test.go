package client_test

import (
	"bufio"
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/layertest"
)

// A server whose answer echoes the request's credentials on a header line
// net/http refuses (a control byte in it) has that line quoted whole in
// the call's error (net/textproto's 'malformed MIME header line'): the
// credentials it echoes under a name no rule knows (X-Echo: tok=<the
// bearer token> key=<X-Api-Key> q=<?access_token=>) are REDACTED in the
// error's text, its Err's and ErrMsg, as in a recording or a log record
// of the answer's header (8 bytes or more). errors.Is still finds the
// cause's chain.
func TestErrorQuotingAnEchoedCredentialRedactsIt(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	layertest.ServeConns(t, ln, func(c net.Conn) {
		req, err := http.ReadRequest(bufio.NewReader(c))
		if err != nil {
			return
		}
		echo := "tok=" + strings.TrimPrefix(req.Header.Get("Authorization"), "Bearer ") + " key=" + req.Header.Get("X-Api-Key") +
			" q=" + req.URL.Query().Get("access_token")
		c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Echo: " + echo + "\x01\r\n\r\n"))
	})
	c := client.New()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	resp, err := c.Request(ctx, client.Option{URL: "http://" + ln.Addr().String() + "/x?access_token=SEKRET-QT-3", RetryTimes: client.NoRetry,
		Header: http.Header{"Authorization": {"Bearer SEKRET-TOKEN-1"}, "X-Api-Key": {"SEKRET-KEY-2"}}})
	if err == nil {
		t.Fatal("the refused line did not fail the call: the test tests nothing")
	}
	texts := []string{err.Error()}
	if ce := (*client.Error)(nil); errors.As(err, &ce) && ce.Err != nil {
		texts = append(texts, ce.Err.Error())
	}
	if resp != nil {
		texts = append(texts, resp.ErrMsg)
	}
	for _, text := range texts {
		if strings.Contains(text, "SEKRET") {
			t.Errorf("an error text quotes an echoed credential: %s", text)
		}
	}
	if !strings.Contains(err.Error(), "X-Echo: tok=") {
		t.Errorf("the refused line is not quoted: %s", err)
	}
}
