package transports

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A POST with Expect: 100-continue answered 401 at once, the connection
// kept: net/http reads the answer, then sends the body anyway. The guard
// took the body's write ("hello world") for the next request's start, its
// first word for that request's method: the next request's own method was
// not seen, so the answer to a HEAD was followed as if a body came after
// it, and the answer after that, another request's, cut.
func TestStrayGuardTellsABodySentAfterTheAnswerFromTheNextRequest(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	defer func() { ln.Close(); <-done }()
	go func() {
		defer close(done)
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		_ = c.SetDeadline(time.Now().Add(10 * time.Second))
		br := bufio.NewReader(c)
		for {
			req, err := http.ReadRequest(br)
			if err != nil {
				return
			}
			answer := "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nmine"
			switch req.Method {
			case "POST":
				answer = "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n"
			case "HEAD":
				answer = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n"
			}
			if _, err := io.WriteString(c, answer); err != nil {
				return
			}
			_, _ = io.Copy(io.Discard, req.Body)
		}
	}()
	url := "http://" + ln.Addr().String()
	tr := Default()
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 5 * time.Second}
	post, _ := http.NewRequest("POST", url, strings.NewReader("hello world"))
	post.Header.Set("Expect", "100-continue")
	head, _ := http.NewRequest("HEAD", url, nil)
	get, _ := http.NewRequest("GET", url, nil)
	for _, req := range []*http.Request{post, head, get} {
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", req.Method, err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || req.Method == "GET" && string(b) != "mine" {
			t.Errorf("%s: got %q, %v", req.Method, b, err)
		}
	}

	// Bytes past the end of the next answer are still found.
	for _, body := range []string{"hello world", `{"a":1}`} {
		sc := &scriptConn{}
		g := &strayGuard{Conn: sc}
		_, _ = g.Write([]byte("POST /a HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n"))
		sc.reads = []string{"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n"}
		_, _ = readAll(g, 4096)
		_, _ = g.Write([]byte(body))
		_, _ = g.Write([]byte("HEAD /b HTTP/1.1\r\n\r\n"))
		const answer = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n"
		sc.reads = []string{answer + "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecret"}
		if got, err := readAll(g, 4096); got != answer || !errors.Is(err, ErrStrayBytes) {
			t.Errorf("body %q: got %q, %v; want the HEAD's answer alone, then ErrStrayBytes", body, got, err)
		}
	}
}
