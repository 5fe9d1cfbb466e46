package client_test

import (
	"bufio"
	"bytes"
	"context"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

const jsonType = "Content-Type: application/json\r\n"

// Answers that are odd on the wire but whole, as go-httpbin and toxiproxy
// send them, through the full default client: the caller gets the answer
// as sent, in one attempt, Success then Complete, and a GET or POST that
// follows on the same client gets its own answer, never the stray bytes a
// wrong answer left on the connection (a body after a HEAD, which goes on a
// connection of its own). A body after a 204 or 304 is the limit README's
// Method row names: net/http puts the connection back idle before it sees
// the bytes (golang/go#68653), and a request quick enough to take it, as
// one under -race was, reads them as its answer; its next GET is not held.
func TestFaultAnswersThatComeWhole(t *testing.T) {
	final := "HTTP/1.1 200 OK\r\n" + jsonType + "Content-Length: 7\r\n\r\n{\"a\":1}"
	stray := "HTTP/1.1 200 OK\r\nX-Stray: 1\r\n" + jsonType + "Content-Length: 7\r\n\r\n{\"s\":1}"
	cases := []struct {
		name, method, answer string
		status               int
		data                 string // the JSON field "a" or "", none
	}{
		{"Content-Length shorter than the bytes sent", "GET", "HTTP/1.1 200 OK\r\n" + jsonType + "Content-Length: 7\r\n\r\n{\"a\":1}garbage", 200, "a"},
		{"HTTP/1.0 close-delimited", "GET", "HTTP/1.0 200 OK\r\n" + jsonType + "\r\n{\"a\":1}", 200, "a"},
		{"HTTP/1.1 close-delimited", "POST", "HTTP/1.1 200 OK\r\nConnection: close\r\n" + jsonType + "\r\n{\"a\":1}", 200, "a"},
		{"two 103 Early Hints", "GET", strings.Repeat("HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\n", 2) + final, 200, "a"},
		{"seven 103 Early Hints", "POST", strings.Repeat("HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\n", 7) + final, 200, "a"},
		{"unsolicited 100 Continue", "POST", "HTTP/1.1 100 Continue\r\n\r\n" + final, 200, "a"},
		{"204 with a body", "GET", "HTTP/1.1 204 No Content\r\nContent-Length: 84\r\n\r\n" + stray, 204, ""},
		{"304 with a body", "GET", "HTTP/1.1 304 Not Modified\r\nContent-Length: 84\r\n\r\n" + stray, 304, ""},
		{"HEAD with Content-Length, no body", "HEAD", "HTTP/1.1 200 OK\r\n" + jsonType + "Content-Length: 7\r\n\r\n", 200, ""},
		{"HEAD answered with a body", "HEAD", "HTTP/1.1 200 OK\r\n" + jsonType + "Content-Length: 84\r\n\r\n" + stray, 200, ""},
	}
	payload := bytes.Repeat([]byte("q"), 70000)
	for _, tc := range cases {
		var n atomic.Int64
		srv := newConnServer(t, func(c net.Conn, w *bufio.Writer) bool {
			if n.Add(1) == 1 {
				writeRaw(w, tc.answer)
				// A close-delimited body ends when the connection does.
				return !strings.HasPrefix(tc.answer, "HTTP/1.0") && !strings.Contains(tc.answer, "Connection: close")
			}
			writeRaw(w, "HTTP/1.1 200 OK\r\n"+jsonType+"Content-Length: 7\r\n\r\n{\"b\":2}")
			return true
		})
		var succeeded, completed atomic.Int64
		opt := client.Option{URL: srv.URL + "/x", Method: tc.method, Timeout: time.Second,
			Success:  func(*client.Response) { succeeded.Add(1) },
			Complete: func(*client.Response, error) { completed.Add(1) }}
		if tc.method == "POST" {
			opt.Data = payload
		}
		c := fastClient()
		resp, err := c.Request(context.Background(), opt)
		m, _ := resp.Data.(map[string]any)
		switch {
		case err != nil || resp.ErrMsg != "request:ok" || resp.StatusCode != tc.status || resp.Attempts != 1:
			t.Errorf("%s: status %d, %d attempts, ErrMsg %q, err %v; want %d in one attempt", tc.name, resp.StatusCode, resp.Attempts, resp.ErrMsg, err, tc.status)
		case tc.data != "" && m["a"] != 1.0, tc.data == "" && resp.Data != nil:
			t.Errorf("%s: data %#v", tc.name, resp.Data)
		case resp.Header.Get("Link") != "" || resp.Header.Get("X-Stray") != "":
			t.Errorf("%s: the final answer carries another answer's header: %v", tc.name, resp.Header)
		case succeeded.Load() != 1 || completed.Load() != 1:
			t.Errorf("%s: Success %d, Complete %d times; want once each", tc.name, succeeded.Load(), completed.Load())
		}
		if bodies := srv.Bodies(); len(bodies) != 1 || tc.method == "POST" && !bytes.Equal(bodies[0], payload) {
			t.Errorf("%s: the server got %d requests, want 1 (a POST's body whole)", tc.name, len(bodies))
		}
		if tc.status == 204 || tc.status == 304 {
			continue
		}
		resp, err = c.Request(context.Background(), client.Option{URL: srv.URL + "/next", Timeout: time.Second})
		if m, _ := resp.Data.(map[string]any); err != nil || m["b"] != 2.0 || resp.Header.Get("X-Stray") != "" {
			t.Errorf("%s: the next GET got %#v (header %v), err %v; want its own answer", tc.name, resp.Data, resp.Header, err)
		}
	}
}
