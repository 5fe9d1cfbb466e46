package layertest

import (
	"bufio"
	"io"
	"net"
	"strings"
	"testing"
)

// RawAnswers starts a server on loopback that answers each request with
// the bytes answer gives for its request line ("GET /x HTTP/1.1"), written
// as they are (net/http's server would refuse to write a malformed head),
// then closes the connection. It returns the server's base URL; the
// listener is closed when t ends.
func RawAnswers(t testing.TB, answer func(requestLine string) string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				r := bufio.NewReader(c)
				first, err := r.ReadString('\n')
				for l := first; err == nil && l != "\r\n"; {
					l, err = r.ReadString('\n')
				}
				if err == nil {
					io.WriteString(c, answer(strings.TrimRight(first, "\r\n")))
				}
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}
