package client_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// An unsolicited 101 (go-httpbin's /status/101 answers any request so) is
// no answer: the call fails with ErrProtocolSwitch, fetch's network error,
// and its Response has no status. A Task's OnHeadersReceived listeners heard
// it all the same, status 101, before Fail said no answer came; they now hear
// nothing of it, as a page hears nothing of a network error. A request that
// asked for the upgrade still hears its 101 (it is the answer it wanted).
func TestTaskListenersHearNoUnsolicited101(t *testing.T) {
	done := make(chan struct{})
	srv := switchingServer(t, done)
	defer srv.Close()
	defer close(done)
	c := client.New(client.WithBaseURL(srv.URL))
	for _, o := range []client.Option{
		{URL: "/status/101", Timeout: time.Second, RetryTimes: client.NoRetry},
		{URL: "/status/101", Timeout: time.Second, RetryTimes: client.NoRetry, EnableChunked: true},
		{URL: "/status/101", Timeout: time.Second, RetryTimes: client.NoRetry, Method: "POST", Data: map[string]any{"a": 1}},
	} {
		var mu sync.Mutex
		var heard []int
		var fails int
		o.Fail = func(*client.Response, error) { fails++ }
		task := c.Go(context.Background(), o, func(t *client.Task) {
			t.OnHeadersReceived(func(h client.Headers) {
				mu.Lock()
				heard = append(heard, h.StatusCode)
				mu.Unlock()
			})
		})
		resp, err := task.Wait()
		mu.Lock()
		got := heard
		mu.Unlock()
		if !errors.Is(err, client.ErrProtocolSwitch) || resp.StatusCode != 0 || fails != 1 {
			t.Errorf("%s chunked %v: status %d, err %v, %d Fail calls; want ErrProtocolSwitch, no status, one Fail", o.Method, o.EnableChunked, resp.StatusCode, err, fails)
		}
		if len(got) != 0 {
			t.Errorf("%s chunked %v: listeners heard %v of a call that got no answer", o.Method, o.EnableChunked, got)
		}
	}

	// Asked for: the 101 is the answer, and it is heard.
	var heard []int
	task := c.Go(context.Background(), client.Option{URL: "/ws", Timeout: time.Second, RetryTimes: client.NoRetry, EnableChunked: true,
		Header: http.Header{"Connection": {"Upgrade"}, "Upgrade": {"websocket"}}}, func(t *client.Task) {
		t.OnHeadersReceived(func(h client.Headers) { heard = append(heard, h.StatusCode) })
	})
	resp, _ := task.Wait()
	if resp.Body != nil {
		resp.Body.Close()
	}
	if len(heard) != 1 || heard[0] != http.StatusSwitchingProtocols {
		t.Errorf("an asked-for upgrade: listeners heard %v, want [101]", heard)
	}
}
