package reqlog_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	reqlog "github.com/taroreq/taroreq/middleware/log"
)

// A streamed body is read after proceed returns: the interceptor's
// deadline bounds it (a body slower than d is cut) without ending it at
// once (a quicker one is read whole), and Events keep their stream.
func TestTimeoutInterceptorStreamedBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "data: a\n\n")
		w.(http.Flusher).Flush()
		pause, _ := time.ParseDuration(r.URL.Query().Get("pause"))
		select {
		case <-time.After(pause):
		case <-r.Context().Done():
			return
		}
		io.WriteString(w, "data: b\n\n")
	}))
	defer srv.Close()
	// A deadline of 600 ms, between a stream done in 100 ms and one paused
	// 5 s, with a bound of 2.5 s on the cut: room for a slow machine under
	// -race on both sides (400 ms against a 1 s pause, bound 900 ms, left
	// 100 ms above what a stream not cut takes).
	c := client.New(client.WithInterceptors(reqlog.TimeoutInterceptor(600 * time.Millisecond)))
	read := func(pause string) (string, error) {
		// Timeout (2 s by default) past the 5 s pause: only the
		// interceptor's deadline can cut the stream.
		resp, err := c.Request(context.Background(), client.Option{URL: srv.URL + "?pause=" + pause, EnableChunked: true, Timeout: 10 * time.Second})
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return string(b), err
	}
	if body, err := read("100ms"); err != nil || body != "data: a\n\ndata: b\n\n" {
		t.Fatalf("a stream done within the deadline: %q, %v; want it whole", body, err)
	}
	start := time.Now()
	if body, err := read("5s"); err == nil || body != "data: a\n\n" || time.Since(start) > 2500*time.Millisecond {
		t.Fatalf("a stream past the deadline: %q, %v after %v; want it cut at 600ms", body, err, time.Since(start))
	}
	var got []string
	for ev, err := range c.Events(context.Background(), client.Option{URL: srv.URL + "?pause=50ms", RetryTimes: client.NoRetry}) {
		if err != nil {
			break
		}
		if got = append(got, ev.Data); len(got) == 2 {
			break
		}
	}
	if fmt.Sprint(got) != "[a b]" {
		t.Fatalf("events %q; want a, b from one connection", got)
	}
}

// TimeoutInterceptor leaves a Response an inner interceptor shares as it is:
// the body it wraps is its copy's.
func TestTimeoutInterceptorLeavesASharedResponse(t *testing.T) {
	shared := &client.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("stream"))}
	body := shared.Body
	answer := func(context.Context, client.Option, client.Proceed) (*client.Response, error) { return shared, nil }
	c := client.New(client.WithInterceptors(reqlog.TimeoutInterceptor(time.Second), answer))
	for range 2 {
		resp, err := c.Request(context.Background(), client.Option{URL: "http://h.test/", EnableChunked: true})
		if err != nil || resp == shared || resp.Body == body {
			t.Fatalf("err %v, the shared Response returned as it is: %v", err, resp == shared)
		}
		resp.Body.Close()
	}
	if shared.Body != body {
		t.Fatalf("the shared Response's Body was replaced with %T", shared.Body)
	}
}
