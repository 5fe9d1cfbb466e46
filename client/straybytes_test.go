package client_test

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/layertest"
)

// A server whose answers to alice's /a have a body longer than their
// Content-Length says (the extra bytes an answer of their own, "secret"),
// and bob's /b, on a client of the default transport shared by both: bob's
// calls, taking a connection alice's left, got "secret" or alice's own
// answer (2 to 6 in 800 calls, in each of five runs), as net/http puts the
// connection back idle before it sees the extra bytes. The connection is closed now, and a call
// that took it is sent on another: each user gets only their own answers.
func TestStrayBytesOfOneUserNeverAnswerAnother(t *testing.T) {
	url := layertest.KeptAnswers(t, func(req *http.Request) string {
		if req.URL.Path == "/a" {
			return layertest.LongBodyAnswer
		}
		time.Sleep(2 * time.Millisecond)
		return "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nmine"
	})
	c := client.New(client.WithBaseURL(url))
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
