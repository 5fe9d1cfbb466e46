package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// Every error of a call names the absolute URL it used, redacted, as the
// errors of its requests do (a status, a refused connection). An abort, an
// interceptor's own error and an event stream's named the Option's URL as
// written, "/x?token=…" under the base URL: which origin failed was not
// said, and two errors of one call named it two ways.
func TestCallErrorsNameTheAbsoluteURL(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"v":1}`))
	}))
	defer api.Close()
	want := api.URL + "/feed?token=REDACTED"
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	check := func(name string, err error) {
		t.Helper()
		var e *client.Error
		if !errors.As(err, &e) {
			t.Fatalf("%s: %v, want a *client.Error", name, err)
		}
		if e.URL != want || !strings.Contains(e.Error(), " "+want+": ") || strings.Contains(e.Error(), "s3cr3t") {
			t.Errorf("%s: URL %q, text %q; want %q", name, e.URL, e.Error(), want)
		}
	}
	opt := client.Option{URL: "/feed?token=s3cr3t", RetryTimes: client.NoRetry}

	// An interceptor's own error.
	c := client.New(client.WithBaseURL(api.URL))
	c.AddInterceptor(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		return nil, errors.New("refused by the interceptor")
	})
	_, err := c.Request(ctx, opt)
	check("interceptor", err)

	// An abort while the answer is being checked.
	c = client.New(client.WithBaseURL(api.URL))
	var task *client.Task
	started := make(chan struct{})
	aborted := opt
	aborted.DataCheck = func(*client.Response) bool {
		<-started
		task.Abort()
		return true
	}
	task = c.Go(ctx, aborted)
	close(started)
	_, err = task.Wait()
	if !errors.Is(err, client.ErrAbort) {
		t.Fatalf("abort: %v, want ErrAbort", err)
	}
	check("abort", err)

	// An event stream's: the answer is no event stream.
	for _, err := range c.Events(ctx, opt) {
		if err != nil {
			if !errors.Is(err, client.ErrNotEventStream) {
				t.Fatalf("events: %v, want ErrNotEventStream", err)
			}
			check("events", err)
			break
		}
	}
}
