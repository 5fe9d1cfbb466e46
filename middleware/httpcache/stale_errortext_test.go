package httpcache_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// An origin that answers a revalidation with a malformed header was
// reached: the call fails, whatever the header says. http2Broken read
// HTTP/2's reset in any error text, and net/http quotes the value (bad
// Content-Length "connection error: 1"): such a value was taken for an
// unreachable origin and served the stale entry.
func TestMalformedAnswerQuotingAResetTextIsNoReset(t *testing.T) {
	for _, line := range []string{"Content-Length: x", "Content-Length: connection error: 1", "Transfer-Encoding: stream error: stream ID 1"} {
		t.Run(line, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer ln.Close()
			var n atomic.Int32
			go func() {
				for {
					conn, err := ln.Accept()
					if err != nil {
						return
					}
					go func() {
						defer conn.Close()
						conn.SetDeadline(time.Now().Add(5 * time.Second))
						br := bufio.NewReader(conn)
						if _, err := http.ReadRequest(br); err != nil {
							return
						}
						if n.Add(1) == 1 {
							io.WriteString(conn, "HTTP/1.1 200 OK\r\nCache-Control: max-age=0\r\nETag: \"v1\"\r\nContent-Length: 11\r\nConnection: close\r\n\r\nversion one")
							return
						}
						io.WriteString(conn, "HTTP/1.1 200 OK\r\n"+line+"\r\nConnection: close\r\n\r\n")
					}()
				}
			}()
			hc := &http.Client{Transport: httpcache.New(nil), Timeout: 5 * time.Second}
			get := func() (string, *http.Response, error) {
				req, _ := http.NewRequestWithContext(context.Background(), "GET", "http://"+ln.Addr().String()+"/x", nil)
				resp, err := hc.Do(req)
				if err != nil {
					return "", nil, err
				}
				defer resp.Body.Close()
				b, err := io.ReadAll(resp.Body)
				return string(b), resp, err
			}
			if b, _, err := get(); err != nil || b != "version one" {
				t.Fatalf("first: %q %v", b, err)
			}
			b, resp, err := get()
			if err == nil {
				why, _ := httpcache.ServedStale(resp)
				t.Fatalf("the malformed answer was taken for an unreachable origin: %q (stale: %q)", b, why)
			}
		})
	}
}
