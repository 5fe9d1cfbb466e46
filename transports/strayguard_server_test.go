package transports

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/internal/layertest"
)

// longBodyServer answers /a with a body longer than its Content-Length says,
// the extra bytes an answer of their own ("secret"), and any other path
// with "mine", a little later, as a server does that works.
func longBodyServer(t *testing.T) string {
	return layertest.KeptAnswers(t, func(req *http.Request) string {
		if req.URL.Path == "/a" {
			return layertest.LongBodyAnswer
		}
		time.Sleep(time.Millisecond)
		return "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nmine"
	})
}

// Two callers share one http.Client over Default: alice's answers come
// with bytes past their end. Each gets its own answer and every request
// succeeds: the connection with stray bytes is closed, and a request that
// took it is sent on another, so the guard fails nothing. Without the
// guard a plain http.Client here rarely hits the race (it passed three runs
// of 600 calls); client.New's calls hit it in 2 of 5 runs
// (TestStrayBytesOfOneUserNeverAnswerAnother), and the guard's cut is
// held byte for byte by TestStrayGuardHandsOnTheAnswerAlone.
func TestStrayBytesNeverAnswerTheNextRequest(t *testing.T) {
	url := longBodyServer(t)
	tr := Default()
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	var wrong, failed atomic.Int32
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 150 {
				path, want := "/b", "mine"
				if (g+i)%2 == 0 {
					path, want = "/a", `{"a":1}`
				}
				resp, err := hc.Get(url + path)
				if err != nil {
					failed.Add(1)
					t.Log(err)
					continue
				}
				b, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil || string(b) != want {
					wrong.Add(1)
					t.Logf("%s got %q, %v", path, b, err)
				}
			}
		}()
	}
	wg.Wait()
	if wrong.Load() != 0 || failed.Load() != 0 {
		t.Errorf("%d of 600 answers were another request's, %d requests failed", wrong.Load(), failed.Load())
	}
}

// The guard leaves what it does not follow alone: a body that ends with
// the connection, read whole.
func TestStrayGuardBodyToTheClose(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		_, _ = http.ReadRequest(bufio.NewReader(c))
		_, _ = io.WriteString(c, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"+strings.Repeat("x", 100000))
		c.Close()
	}()
	tr := Default()
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr, Timeout: 10 * time.Second}).Get("http://" + ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || len(b) != 100000 {
		t.Errorf("%d bytes, %v", len(b), err)
	}
}
