package timeout_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/timeout"
)

// stuckReader gives its bytes, then blocks until released: a generator
// waiting on something that never comes. Its Close does nothing, as the
// Close of an io.Reader the client wrapped does not.
type stuckReader struct {
	r       io.Reader
	release chan struct{}
}

func (s *stuckReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err == io.EOF {
		<-s.release
	}
	return n, err
}

func (s *stuckReader) Close() error { return nil }

// A one-shot request body whose reader stalls and cannot be unblocked by
// Close still ends with the attempt's deadline: net/http waits for its
// write loop, which waited in the reader's Read for as long as the reader
// did. The server gets what the reader gave.
func TestStalledReaderThatIgnoresCloseEndsTheAttempt(t *testing.T) {
	got := make(chan int, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- len(b)
	}))
	defer srv.Close()
	hc := &http.Client{Transport: timeout.New(nil, timeout.WithTimeout(150*time.Millisecond))}
	defer hc.CloseIdleConnections()
	body := &stuckReader{r: bytes.NewReader(make([]byte, 64)), release: make(chan struct{})}
	defer close(body.release) // lets the reader's Read under way return: no goroutine left
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodPut, srv.URL, body)
	done := make(chan error, 1)
	start := time.Now()
	go func() {
		resp, err := hc.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, timeout.ErrExceeded) {
			t.Fatalf("err = %v, want the deadline", err)
		}
		if el := time.Since(start); el > 2*time.Second {
			t.Fatalf("ended after %v", el)
		}
	case <-time.After(5 * time.Second):
		close(body.release)
		body.release = make(chan struct{})
		<-done
		t.Fatal("the round trip outlived its deadline by seconds: the stalled reader held it")
	}
	select {
	case n := <-got:
		if n > 64 {
			t.Errorf("server got %d bytes, more than the reader gave", n)
		}
	case <-time.After(2 * time.Second):
	}
}
