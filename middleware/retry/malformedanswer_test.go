package retry_test

import (
	"bufio"
	"net"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
)

// An answer that breaks on the way (a header line without a colon) is a
// connection error, retried, whatever words the server's bytes hold: one
// that read "invalid header" or "unsupported protocol scheme" (net/http
// quotes the line in its error) passed for net/http refusing a malformed
// request, which fails so again, and was not retried. Only net/http's own
// refusal, its error as net/http makes it, is not.
func TestABrokenAnswerIsRetriedWhateverItSays(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				r := bufio.NewReader(c)
				path := ""
				for {
					l, err := r.ReadString('\n')
					if path == "" && len(l) > 5 {
						path = l[4:]
					}
					if err != nil || l == "\r\n" {
						break
					}
				}
				line := "invalid header"
				if path[:2] == "/s" {
					line = "unsupported protocol scheme"
				}
				c.Write([]byte("HTTP/1.1 200 OK\r\n" + line + "\r\n\r\n"))
			}()
		}
	}()
	var attempts atomic.Int32
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		attempts.Add(1)
		return http.DefaultTransport.RoundTrip(r)
	})
	hc := &http.Client{Transport: retry.New(base, retry.WithRetryTimes(2), retry.WithBackoff(nil, 0, 0))}
	for _, path := range []string{"/h", "/s"} {
		attempts.Store(0)
		resp, err := hc.Get("http://" + ln.Addr().String() + path)
		if err == nil {
			resp.Body.Close()
			t.Fatal("a broken answer was read")
		}
		if n := attempts.Load(); n != 3 {
			t.Errorf("%s: %d attempts, want 3 (a broken answer is retried): %v", path, n, err)
		}
	}
}
