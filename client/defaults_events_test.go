package client_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// TestDefaultEventsReconnectAfterThreeSeconds: DefaultReconnect's doc, the
// wait before an event stream reconnects "until the server sets another
// with a retry field", 3 s, which no test held (the Events tests send a
// retry: field, or bound a wait loosely; DefaultReconnect at 1 s passed
// them). In a synctest bubble, over a fake transport, a stream that ends
// without a retry field is connected again exactly 3 s later, with its
// Last-Event-ID; one that sets retry: 500 is connected again 500 ms later.
func TestDefaultEventsReconnectAfterThreeSeconds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		var starts []time.Time
		var lastIDs []string
		bodies := []string{"id: 1\ndata: a\n\n", "retry: 500\nid: 2\ndata: b\n\n", "id: 3\ndata: c\n\n"}
		fake := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			mu.Lock()
			defer mu.Unlock()
			n := len(starts)
			starts = append(starts, time.Now())
			lastIDs = append(lastIDs, r.Header.Get("Last-Event-ID"))
			if n >= len(bodies) {
				return &http.Response{StatusCode: http.StatusNoContent, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
			}
			return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"text/event-stream"}},
				Body: io.NopCloser(strings.NewReader(bodies[n])), ContentLength: -1, Request: r}, nil
		})
		c := client.New(client.WithTransport(fake))
		var got []string
		for ev, err := range c.Events(context.Background(), client.Option{URL: "http://api.test/events"}) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, ev.Data)
		}
		mu.Lock()
		defer mu.Unlock()
		if strings.Join(got, "") != "abc" || len(starts) != 4 {
			t.Fatalf("events %q over %d connections; want a, b, c over 4", got, len(starts))
		}
		gaps := []time.Duration{starts[1].Sub(starts[0]), starts[2].Sub(starts[1]), starts[3].Sub(starts[2])}
		if gaps[0] != client.DefaultReconnect || client.DefaultReconnect != 3*time.Second || gaps[1] != 500*time.Millisecond || gaps[2] != 500*time.Millisecond {
			t.Errorf("connections %v apart; want 3s (DefaultReconnect %v), then the server's 500ms twice", gaps, client.DefaultReconnect)
		}
		if strings.Join(lastIDs, ",") != ",1,2,3" {
			t.Errorf("Last-Event-ID per connection %q", lastIDs)
		}
	})
}
