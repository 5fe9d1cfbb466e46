package client_test

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A POST sent with Expect: 100-continue that the server answers at once,
// without reading the body (417 Expectation Failed, or an early final
// answer), is that answer: a response, not retried, the body not sent
// after it (the server reads none of it before it closes); and a Task's
// header listener hears the final answer only, never a 103 before it.
func TestFaultExpectContinueAnsweredEarly(t *testing.T) {
	for _, status := range []string{"417 Expectation Failed", "200 OK", "413 Content Too Large"} {
		var mu sync.Mutex
		var requests, bodyBytes int
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				br := bufio.NewReader(c)
				if _, err := http.ReadRequest(br); err == nil {
					io.WriteString(c, "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"+
						"HTTP/1.1 "+status+"\r\n"+jsonType+"Content-Length: 7\r\nConnection: close\r\n\r\n{\"a\":1}")
					c.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
					n, _ := io.Copy(io.Discard, br)
					mu.Lock()
					requests++
					bodyBytes += int(n)
					mu.Unlock()
				}
				c.Close()
			}
		}()
		var heard []int
		task := fastClient().Go(context.Background(), client.Option{URL: "http://" + ln.Addr().String() + "/up", Method: "POST",
			Data: bytes.Repeat([]byte("e"), 1<<20), Header: http.Header{"Expect": {"100-continue"}}, Timeout: time.Second},
			func(t *client.Task) {
				t.OnHeadersReceived(func(h client.Headers) { mu.Lock(); heard = append(heard, h.StatusCode); mu.Unlock() })
			})
		resp, err := task.Wait()
		ln.Close()
		wg.Wait()
		mu.Lock()
		if m, _ := resp.Data.(map[string]any); err != nil || strconv.Itoa(resp.StatusCode) != status[:3] || m["a"] != 1.0 || resp.Attempts != 1 ||
			requests != 1 || bodyBytes != 0 || len(heard) != 1 || heard[0] != resp.StatusCode || resp.Header.Get("Link") != "" {
			t.Errorf("%s: status %d, data %v, %d attempts, err %v; the server got %d requests and %d body bytes; listener heard %v",
				status, resp.StatusCode, resp.Data, resp.Attempts, err, requests, bodyBytes, heard)
		}
		mu.Unlock()
	}
}
