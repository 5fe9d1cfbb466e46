package client_test

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A client call that asks for a protocol switch gets the 101's status and
// header, but no connection: Request reads a body (and EnableChunked hands
// an empty one), so the switched connection is closed at once, not left
// open for the server. README: a switch is used through c.Transport().
func TestASwitchAskedForThroughRequestClosesTheConnection(t *testing.T) {
	for _, chunked := range []bool{false, true} {
		closed := make(chan error, 1)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			conn, brw, err := http.NewResponseController(w).Hijack()
			if err != nil {
				closed <- err
				return
			}
			defer conn.Close()
			brw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\nhello")
			brw.Flush()
			conn.SetReadDeadline(time.Now().Add(3 * time.Second))
			_, err = bufio.NewReader(conn).ReadByte() // the client's close: EOF; a timeout if left open
			closed <- err
		}))
		c := client.New()
		res, err := c.Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: chunked,
			Header: http.Header{"Upgrade": {"websocket"}, "Connection": {"Upgrade"}}})
		if err != nil {
			t.Fatalf("chunked %v: %v", chunked, err)
		}
		if res.StatusCode != http.StatusSwitchingProtocols || res.Header.Get("Upgrade") != "websocket" || len(res.Raw) != 0 {
			t.Errorf("chunked %v: status %d, Upgrade %q, raw %q", chunked, res.StatusCode, res.Header.Get("Upgrade"), res.Raw)
		}
		if res.Body != nil {
			res.Body.Close()
		}
		if err := <-closed; err == nil || isTimeout(err) {
			t.Errorf("chunked %v: the server's read of the switched connection ended with %v, want the client's close", chunked, err)
		}
		srv.Close()
	}
}

func isTimeout(err error) bool {
	te, ok := err.(interface{ Timeout() bool })
	return ok && te.Timeout()
}
