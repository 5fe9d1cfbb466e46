package client_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// requestWithin sends opt through c and returns its error and how long it
// took. A call not back within 3 s fails t at once, saying held (what held
// it); an answer of another status than 200 is an error of t.
func requestWithin(t *testing.T, c *client.Client, opt client.Option, held string) (time.Duration, error) {
	t.Helper()
	type outcome struct {
		resp *client.Response
		err  error
	}
	done := make(chan outcome, 1)
	start := time.Now()
	go func() {
		resp, err := c.Request(context.Background(), opt)
		done <- outcome{resp, err}
	}()
	select {
	case o := <-done:
		if o.err == nil && o.resp.StatusCode != http.StatusOK {
			t.Errorf("status %d", o.resp.StatusCode)
		}
		return time.Since(start), o.err
	case <-time.After(3 * time.Second):
		t.Fatalf("held 3s: %s", held)
		return 0, nil
	}
}
