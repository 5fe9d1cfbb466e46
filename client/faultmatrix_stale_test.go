package client_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// staleServer answers the first request on each connection and keeps it
// open; on the second it does what a server closing an idle connection
// does as the client reuses it: reads it whole and closes without an
// answer (readFirst), or resets the connection as its first bytes arrive,
// having read none of the body. It keeps the call tag of every request it
// read whole, and says if one came short.
type staleServer struct {
	URL    string
	mu     sync.Mutex
	tags   []string
	broken int // requests whose body was not the whole payload
}

func newStaleServer(t *testing.T, readFirst bool, payload int) *staleServer {
	t.Helper()
	s := &staleServer{}
	s.URL = serveConns(t, func(c net.Conn) {
		br := bufio.NewReader(c)
		for i := 0; ; i++ {
			if i == 1 && !readFirst {
				br.Peek(1)
				resetConn(c)
				return
			}
			req, err := http.ReadRequest(br)
			if err != nil {
				return
			}
			body, _ := io.ReadAll(req.Body)
			s.mu.Lock()
			if len(body) != payload {
				s.broken++
			}
			s.tags = append(s.tags, req.URL.Query().Get("call"))
			s.mu.Unlock()
			if i == 1 {
				return
			}
			io.WriteString(c, "HTTP/1.1 200 OK\r\n"+jsonType+"Content-Length: 7\r\n\r\n{\"a\":1}")
		}
	})
	return s
}

// The stale keep-alive race. A GET or PUT (idempotent) comes back whole,
// sent again on a new connection; a POST's body reaches the server whole
// or not at all, and one the server read is never sent again (the call
// fails, saying the connection ended), unless Idempotent. No call hangs.
func TestFaultStaleKeepAliveConnection(t *testing.T) {
	const payload = 100000
	for _, readFirst := range []bool{true, false} {
		for _, tc := range []struct {
			method     string
			idempotent bool
		}{{"GET", false}, {"PUT", false}, {"POST", false}, {"POST", true}} {
			what := fmt.Sprintf("%s (Idempotent %v), the server read the reused request: %v", tc.method, tc.idempotent, readFirst)
			srv := newStaleServer(t, readFirst, map[bool]int{true: 0, false: payload}[tc.method == "GET"])
			c := fastClient()
			failed := 0
			for call := range 4 {
				opt := client.Option{URL: fmt.Sprintf("%s/x?call=%d", srv.URL, call), Method: tc.method, Idempotent: tc.idempotent, Timeout: time.Second}
				if tc.method != "GET" {
					opt.Data = bytes.Repeat([]byte("s"), payload)
				}
				start := time.Now()
				resp, err := c.Request(context.Background(), opt)
				if time.Since(start) > time.Second {
					t.Errorf("%s: call %d took %v", what, call, time.Since(start))
				}
				if m, _ := resp.Data.(map[string]any); err == nil && m["a"] != 1.0 {
					t.Errorf("%s: call %d answered %#v", what, call, resp.Data)
				}
				if err != nil {
					failed++
					if tc.method != "POST" || tc.idempotent {
						t.Errorf("%s: call %d failed: %v", what, call, err)
					}
					if msg := strings.TrimPrefix(resp.ErrMsg, "request:fail "); msg == "EOF" || msg == "" || readFirst && !errors.Is(err, io.EOF) {
						t.Errorf("%s: call %d: ErrMsg %q says not what happened", what, call, resp.ErrMsg)
					}
				}
			}
			if tc.method == "POST" && !tc.idempotent && failed != 2 {
				t.Errorf("%s: %d calls failed; want the 2 sent on a reused connection", what, failed)
			}
			srv.mu.Lock()
			seen := map[string]int{}
			for _, tag := range srv.tags {
				seen[tag]++
			}
			for tag, n := range seen {
				if n > 1 && tc.method == "POST" && !tc.idempotent {
					t.Errorf("%s: call %s reached the server %d times", what, tag, n)
				}
			}
			if srv.broken != 0 {
				t.Errorf("%s: %d requests reached the server with a partial body", what, srv.broken)
			}
			srv.mu.Unlock()
		}
	}
}
