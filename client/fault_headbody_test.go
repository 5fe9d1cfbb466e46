package client_test

import (
	"bufio"
	"context"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A server that (wrongly) sends a body with its answer to a HEAD leaves
// those bytes on the connection; net/http puts the connection back idle
// before it sees them (golang/go#68653), and the next request on it,
// another caller's maybe, reads them as its own answer. A HEAD goes on a
// connection of its own, closed after it: no request follows a HEAD on a
// connection, and no GET gets the stray answer.
func TestHeadBodyNeverReachesAnotherRequest(t *testing.T) {
	stray := "HTTP/1.1 200 OK\r\nX-Stray: alice\r\n" + jsonType + "Content-Length: 11\r\n\r\n{\"u\":\"bob\"}"
	var afterHead, heads atomic.Int64
	url := serveConns(t, func(c net.Conn) {
		c.SetDeadline(time.Now().Add(10 * time.Second))
		br := bufio.NewReader(c)
		sawHead := false
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				return
			}
			for {
				l, err := br.ReadString('\n')
				if err != nil || l == "\r\n" {
					break
				}
			}
			if sawHead {
				afterHead.Add(1)
			}
			if strings.HasPrefix(line, "HEAD ") {
				sawHead = true
				heads.Add(1)
				c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: " + itoa(len(stray)) + "\r\n\r\n" + stray))
			} else {
				c.Write([]byte("HTTP/1.1 200 OK\r\n" + jsonType + "Content-Length: 7\r\n\r\n{\"b\":2}"))
			}
		}
	})
	c := client.New()
	defer c.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var strays atomic.Int64
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 60; i++ {
				m := "GET"
				if (i+g)%2 == 0 {
					m = "HEAD"
				}
				resp, err := c.Request(ctx, client.Option{URL: url + "/me", Method: m})
				if err == nil && (resp.Header.Get("X-Stray") != "" || strings.Contains(string(resp.Raw), "bob")) {
					strays.Add(1)
				}
			}
		}(g)
	}
	wg.Wait()
	if heads.Load() == 0 {
		t.Fatal("no HEAD reached the server")
	}
	if n := afterHead.Load(); n != 0 {
		t.Errorf("%d requests went on a connection after a HEAD on it", n)
	}
	if n := strays.Load(); n != 0 {
		t.Errorf("%d requests got the bytes a HEAD's answer left", n)
	}
}
