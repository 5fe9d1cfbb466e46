package breaker_test

import (
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/breaker"
)

// closingBody is a body whose Close ends a Read under way and returns only
// once that Read has returned and had time to report (net/http's bodies
// end the Read too, sooner or later).
type closingBody struct {
	stop, readDone chan struct{}
}

func (b *closingBody) Read([]byte) (int, error) {
	<-b.stop
	defer close(b.readDone)
	return 0, errors.New("read on closed body")
}

func (b *closingBody) Close() error {
	close(b.stop)
	<-b.readDone
	time.Sleep(10 * time.Millisecond) // the reader reports first
	return nil
}

// A caller that closes a body another goroutine is reading gave up on it:
// the read that the close ends is not the server's failure, whichever of
// the two reports first.
func TestCloseDuringReadIsNotAFailure(t *testing.T) {
	base := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Request: r,
			Body: &closingBody{stop: make(chan struct{}), readDone: make(chan struct{})}}, nil
	})
	hc := &http.Client{Transport: breaker.New(base, breaker.WithThreshold(1))}
	for i := 0; i < 3; i++ {
		resp, err := hc.Get("http://api.test/")
		if err != nil {
			t.Fatalf("%d: %v (a body closed by its caller during a read tripped the circuit)", i, err)
		}
		read := make(chan struct{})
		go func() {
			defer close(read)
			_, _ = io.Copy(io.Discard, resp.Body)
		}()
		time.Sleep(5 * time.Millisecond)
		resp.Body.Close()
		<-read
	}
}
