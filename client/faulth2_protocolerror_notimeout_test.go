package client_test

import (
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// With Timeout -1 (no deadline on an attempt), net/http sent a GET to a
// server resetting each HTTP/2 stream with PROTOCOL_ERROR again at once,
// on a new connection each time, until the call's context ended: hundreds
// of streams a second, for ever under a context without a deadline. Its
// sends are bounded as a timed attempt's are now: the attempt ends on its
// ninth new connection with middleware.ErrResentTooOften. (The 20 s
// context only stops the test if the bound is missing.)
func TestHTTP2ResetWithProtocolErrorWithoutTimeoutIsBounded(t *testing.T) {
	for _, stream := range []bool{false, true} {
		srv := newH2Server(t, func(f *h2Conn, stream uint32) { f.rstStream(stream, 0x1) })
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		start := time.Now()
		resp, err := srv.client().Request(ctx, client.Option{URL: srv.URL + "/x", Timeout: -1, EnableChunked: stream, RetryTimes: client.NoRetry})
		cancel()
		if err == nil && resp.Body != nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		took, streams := time.Since(start), len(srv.Bodies())
		if !errors.Is(err, middleware.ErrResentTooOften) || streams > 10 || took > 15*time.Second {
			t.Errorf("streamed %v: err %v, %d streams in %v; want ErrResentTooOften after at most 8", stream, err, streams, took)
		}
	}
}
