package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// The README's Header row says a caller's Host, Content-Length and
// Transfer-Encoding are not sent: the transport's are. Over HTTP/1 net/http
// skips them (TestCallersHopHeadersAreNotSent), but its HTTP/2 transport
// refuses a Transfer-Encoding other than chunked: every attempt failed
// without reaching the origin, was retried, and counted as the origin's
// failure, so a few such calls opened the circuit for every caller of the
// client. They are dropped before any layer sees them.
func TestCallersTransferEncodingOverHTTP2(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Proto+" "+r.Header.Get("Transfer-Encoding"))
		mu.Unlock()
		_, _ = w.Write([]byte(`{"ok":1}`))
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL), client.WithTransport(srv.Client().Transport))
	defer c.CloseIdleConnections()
	for _, h := range []http.Header{
		{"Transfer-Encoding": {"gzip"}},
		{"transfer-encoding": {"chunked", "chunked"}},
		{"Content-Length": {"99"}, "Host": {"other.test"}},
	} {
		for _, m := range []string{"GET", "POST"} {
			var data any
			if m == "POST" {
				data = "a=1"
			}
			resp, err := c.Request(context.Background(), client.Option{URL: "/x", Method: m, Data: data, Header: h, RetryTimes: client.NoRetry})
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("%s with %v: %v (status %d), want the origin's 200", m, h, err, resp.StatusCode)
			}
		}
	}
	// Twenty-one attempts that would each have failed: the circuit stays
	// closed for a plain call.
	for range 21 {
		_, _ = c.Request(context.Background(), client.Option{URL: "/x", Header: http.Header{"Transfer-Encoding": {"gzip"}}, RetryTimes: client.NoRetry})
	}
	if resp, err := c.Request(context.Background(), client.Option{URL: "/x"}); err != nil {
		t.Fatalf("a plain call after the others: %v (%s)", err, resp.ErrMsg)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, s := range seen {
		if s != "HTTP/2.0 " {
			t.Fatalf("the origin saw %q, want HTTP/2.0 without a Transfer-Encoding", s)
		}
	}
}
