package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// A caller's body reader that gives nothing for Timeout while the client
// reads it to buffer (before any byte goes out) ends the call with a
// timeout that matches middleware.ErrBodyStalled, as README's Timeout row
// promises of "a timeout while your body's reader gave nothing" (found
// driving go-httpbin's /anything with a PUT whose reader stalls): it was a
// timeout.Error without BodyStalled, which says the server was slow, though
// its own words said the reader gave nothing. The origin got nothing.
func TestStalledBodyReaderWhileBufferedIsTheReadersStall(t *testing.T) {
	var got atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got.Add(1) }))
	defer srv.Close()
	c := client.New()
	for _, chunked := range []bool{false, true} {
		rd := &stallReader{release: make(chan struct{})}
		resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, Method: "PUT", Data: rd,
			Timeout: 200 * time.Millisecond, EnableChunked: chunked})
		if resp.Body != nil {
			resp.Body.Close()
		}
		if !errors.Is(err, timeout.ErrExceeded) || !errors.Is(err, middleware.ErrBodyStalled) || resp.ErrMsg != "request:fail timeout" {
			t.Errorf("EnableChunked %v: err %v (ErrMsg %q): ErrExceeded %v, ErrBodyStalled %v; want both", chunked, err, resp.ErrMsg,
				errors.Is(err, timeout.ErrExceeded), errors.Is(err, middleware.ErrBodyStalled))
		}
	}
	if got.Load() != 0 {
		t.Errorf("the origin got %d requests", got.Load())
	}
}
