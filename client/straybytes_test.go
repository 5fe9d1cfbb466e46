package client_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A server whose answers to alice's /a have a body longer than their
// Content-Length says (the extra bytes an answer of their own, "secret"),
// and bob's /b, on a client of the default transport shared by both: bob's
// calls, taking a connection alice's left, got "secret" or alice's own
// answer (twice in 400 calls), as net/http puts the connection back idle
// before it sees the extra bytes. The connection is closed now, and a call
// that took it is sent on another: each user gets only their own answers.
func TestStrayBytesOfOneUserNeverAnswerAnother(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	defer ln.Close()
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				br := bufio.NewReader(c)
				for {
					req, err := http.ReadRequest(br)
					if err != nil {
						return
					}
					if req.URL.Path == "/a" {
						_, err = io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{\"a\":1}HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecret")
					} else {
						time.Sleep(2 * time.Millisecond)
						_, err = io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nmine")
					}
					if err != nil {
						return
					}
				}
			}()
		}
	}()
	c := client.New(client.WithBaseURL("http://" + ln.Addr().String()))
	defer c.CloseIdleConnections()
	var wrong, failed atomic.Int32
	var callers sync.WaitGroup
	for g := range 4 {
		callers.Add(1)
		go func() {
			defer callers.Done()
			for i := range 200 {
				opt := client.Option{URL: "/b", DataType: "text", Header: http.Header{"Authorization": {"Bearer bob"}}, Timeout: 5 * time.Second}
				want := "mine"
				if (g+i)%2 == 0 {
					opt.URL, opt.Header, want = "/a", http.Header{"Authorization": {"Bearer alice"}}, `{"a":1}`
				}
				r, err := c.Request(context.Background(), opt)
				if err != nil {
					failed.Add(1)
					t.Log(err)
					continue
				}
				if string(r.Raw) != want {
					wrong.Add(1)
					t.Logf("%s got %q", opt.URL, r.Raw)
				}
			}
		}()
	}
	callers.Wait()
	if wrong.Load() != 0 || failed.Load() != 0 {
		t.Errorf("%d of 800 answers were another call's, %d calls failed", wrong.Load(), failed.Load())
	}
}
