package main

import (
	"bufio"
	"fmt"
	"net"
	"strings"
	"testing"
)

// -v and --trace are a log: an attempt's error that quotes a header line
// the server sent (net/http's "malformed MIME header line", for a control
// byte in it) shows a Set-Cookie's value REDACTED, as the call's error does.
func TestVerboseAttemptErrorHidesHeaderLineCredential(t *testing.T) {
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
				fmt.Fprint(c, "HTTP/1.1 200 OK\r\nSet-Cookie: sid=SEKRET-SESSION\x01\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
			}()
		}
	}()
	u := "http://" + ln.Addr().String() + "/x"
	for _, flag := range []string{"-v", "--trace"} {
		r := cli(t, flag, "--retry-times", "0", u)
		r.wantCode(t, 1)
		out := r.stderr + r.stdout
		if !strings.Contains(out, "malformed MIME header line") {
			t.Fatalf("%s: no attempt error printed:\n%s", flag, out)
		}
		if strings.Contains(out, "SEKRET") {
			t.Errorf("%s printed the session:\n%s", flag, out)
		}
	}
}
