package main

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
)

// --print H shows the request as it was sent: net/http's HTTP/1 transport
// writes HTTP/1.1 whatever the server answers with. The request line took
// the response's protocol, so a server answering HTTP/1.0 made it read
// "GET … HTTP/1.0", a request that was never sent.
func TestPrintShowsTheRequestsOwnProtocol(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	sent := make(chan string, 1)
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				req, err := http.ReadRequest(bufio.NewReader(conn))
				if err != nil {
					return
				}
				select {
				case sent <- req.Proto:
				default:
				}
				_, _ = io.WriteString(conn, "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nhi")
			}()
		}
	}()
	url := "http://" + ln.Addr().String() + "/x"
	r := cli(t, "-p", "Hh", url)
	r.wantCode(t, exitOK)
	proto := <-sent
	if proto != "HTTP/1.1" {
		t.Fatalf("the server read a %s request", proto)
	}
	if !strings.Contains(r.stdout, "GET "+url+" HTTP/1.1\n") {
		t.Errorf("request line is not the one sent (%s):\n%s", proto, r.stdout)
	}
	if !strings.Contains(r.stdout, "\nHTTP/1.0 200 OK\n") {
		t.Errorf("status line is not the one received:\n%s", r.stdout)
	}
}
