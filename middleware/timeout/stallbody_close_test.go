package timeout_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// A transport that closes a one-shot request body while it reads it (an
// HTTP/2 stream whose answer came before the upload ended) gets that Read
// back at once: it waited for the attempt's end, holding the transport's
// goroutine as long as the timeout, with a reader whose Close cannot
// unblock it.
func TestCloseEndsAReadOfAOneShotBodyUnderWay(t *testing.T) {
	stuck := layertest.NewStuckReader(0)
	defer close(stuck.Release)
	took := make(chan time.Duration, 1)
	below := middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		read := make(chan error, 1)
		go func() {
			_, err := req.Body.Read(make([]byte, 512))
			read <- err
		}()
		time.Sleep(20 * time.Millisecond) // the Read is under way
		start := time.Now()
		req.Body.Close()
		select {
		case err := <-read:
			took <- time.Since(start)
			if err == nil || errors.Is(err, io.EOF) {
				t.Errorf("the Read under way at Close said %v, want an error", err)
			}
		case <-time.After(2 * time.Second):
			took <- 2 * time.Second
		}
		// Read again after Close: at once, an error (no second ask of a
		// pump that may hold an answer no one took).
		if n, err := req.Body.Read(make([]byte, 8)); n != 0 || err == nil {
			t.Errorf("a Read after Close gave %d bytes, %v", n, err)
		}
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("ok")), Request: req}, nil
	})
	req, _ := http.NewRequest(http.MethodPut, "http://upload.test/", nil)
	req.Body, req.ContentLength = stuck, -1
	resp, err := timeout.New(below, timeout.WithTimeout(10*time.Second)).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if d := <-took; d >= time.Second {
		t.Fatalf("the Read under way returned %v after Close; want at once", d)
	}
}
