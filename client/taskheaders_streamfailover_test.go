package client_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// README (Composing middleware): OnHeadersReceived listeners get the status
// and header of each URL's answer, but not of an attempt retried for its
// status. A URL whose retries all answered 503 and that was then failed
// over from is heard with its last answer, streamed (EnableChunked) as
// buffered. Before, a streamed call's listeners heard the backup's answer
// alone, where a buffered one's heard the 503 and then the backup's
// (go-httpbin /status/503 with a Backup, EnableChunked: [200] against
// [503 200]).
func TestTaskHearsAFailedOverURLStreamedAsBuffered(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/down" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ok"))
	})
	c := client.New(fastRetry, client.WithBaseURL(srv.URL))
	hear := func(opt client.Option) string {
		var mu sync.Mutex
		var heard []int
		task := c.Go(context.Background(), opt, func(tk *client.Task) {
			tk.OnHeadersReceived(func(h client.Headers) {
				mu.Lock()
				heard = append(heard, h.StatusCode)
				mu.Unlock()
			})
		})
		resp, err := task.Wait()
		if err != nil {
			t.Fatalf("%+v: %v", opt, err)
		}
		if resp.Body != nil {
			resp.Body.Close()
		}
		mu.Lock()
		defer mu.Unlock()
		return fmt.Sprint(heard)
	}
	for _, chunked := range []bool{false, true} {
		t.Run(fmt.Sprintf("EnableChunked=%v", chunked), func(t *testing.T) {
			if got := hear(client.Option{URL: "/down", Backup: []string{"/up"}, RetryTimes: 1, EnableChunked: chunked}); got != "[503 200]" {
				t.Errorf("failed over after two 503s: heard %s, want [503 200]", got)
			}
			if got := hear(client.Option{URL: "/down", RetryTimes: 1, EnableChunked: chunked}); got != "[503]" {
				t.Errorf("two 503s, no backup: heard %s, want the standing answer once, [503]", got)
			}
		})
	}
}
