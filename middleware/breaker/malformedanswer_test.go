package breaker_test

import (
	"bufio"
	"errors"
	"net"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/middleware/breaker"
)

// An origin whose answers are broken is a failing origin, whatever words
// its bytes hold: a header line without a colon that reads "unsupported
// protocol scheme" (net/http quotes it in its error) made each failure
// look like net/http refusing a malformed request, which the breaker does
// not count, so the origin's circuit never opened however often it failed.
// Only net/http's own refusal, its error as net/http makes it, is left
// uncounted.
func TestAnOriginsBrokenAnswerIsAFailureWhateverItSays(t *testing.T) {
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
				for {
					if l, err := r.ReadString('\n'); err != nil || l == "\r\n" {
						break
					}
				}
				c.Write([]byte("HTTP/1.1 200 OK\r\nunsupported protocol scheme\r\n\r\n"))
			}()
		}
	}()
	hc := &http.Client{Transport: breaker.New(nil, breaker.WithFailureRatio(0.5, 4))}
	var last error
	for range 6 {
		resp, err := hc.Get("http://" + ln.Addr().String() + "/x")
		if err == nil {
			resp.Body.Close()
			t.Fatal("a broken answer was read")
		}
		last = err
	}
	if !errors.Is(last, breaker.ErrOpen) {
		t.Errorf("after 6 broken answers the circuit is still closed: %v", last)
	}
}
