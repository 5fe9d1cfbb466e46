package client_test

import (
	"context"
	"io"
	"net/http"
	"runtime"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/taroreq/taroreq/client"
)

// A Request with EnableChunked whose Success or Complete panics (or calls
// runtime.Goexit, as t.Fatal does) never hands the caller the body it would
// have closed: the client closes it, so the connection of a stream that
// never ends (an event stream, a long download) does not stay open, nor its
// goroutines, for as long as the server streams.
func TestChunkedRequestCallbackPanicClosesBody(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	for _, cb := range []string{"Success", "Complete", "Goexit"} {
		t.Run(cb, func(t *testing.T) {
			gone := make(chan struct{})
			srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, "first")
				flush(w)
				select { // a stream that never ends but by the client's hanging up
				case <-r.Context().Done():
					close(gone)
				case <-time.After(5 * time.Second):
				}
			})
			c := client.New()
			defer c.CloseIdleConnections()
			opt := client.Option{URL: srv.URL, EnableChunked: true, Timeout: -1}
			switch cb {
			case "Success":
				opt.Success = func(*client.Response) { panic("callback failed") }
			case "Complete":
				opt.Complete = func(*client.Response, error) { panic("callback failed") }
			case "Goexit":
				opt.Success = func(*client.Response) { runtime.Goexit() }
			}
			ended := make(chan struct{})
			go func() {
				defer close(ended)
				defer func() { recover() }()
				c.Request(context.Background(), opt)
			}()
			<-ended
			select {
			case <-gone:
			case <-time.After(2 * time.Second):
				t.Fatalf("%s ended the call; the stream's connection is still open", cb)
			}
		})
	}
}
