package client_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// nilHeaderTransport answers with a Response whose Header is nil, as a
// RoundTripper of the user's may.
type nilHeaderTransport struct{}

func (nilHeaderTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Request: r}, nil
}

// Each header listener gets a header of its own "to read and write": also
// when the transport's answer had none, where a nil map made the
// listener's first write panic on the Task's goroutine.
func TestTaskListenerGetsAWritableHeaderWhenTheAnswerHadNone(t *testing.T) {
	c := client.New(client.WithBaseURL("http://api.test"), client.WithTransport(nilHeaderTransport{}))
	registered := make(chan struct{})
	c.AddInterceptor(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		<-registered // the listener is in place before any answer
		return proceed(ctx, opt)
	})
	task := c.Go(context.Background(), client.Option{URL: "/x"})
	heard := make(chan bool, 4)
	task.OnHeadersReceived(func(h client.Headers) {
		heard <- h.Header != nil
		if h.Header != nil {
			h.Header.Set("X-Mine", "1")
		}
	})
	close(registered)
	if _, err := task.Wait(); err != nil {
		t.Fatal(err)
	}
	close(heard)
	n := 0
	for ok := range heard {
		n++
		if !ok {
			t.Error("the listener got a nil Header")
		}
	}
	if n == 0 {
		t.Error("the listener heard nothing")
	}
}
