package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A Location that is not an http(s) URL with a host and a port in range is
// fetch's network error at once (HTTP-redirect fetch: "if locationURL's
// scheme is not an HTTP(S) scheme, return a network error"), as the same URL
// given as Option.URL is ErrInvalidURL before any I/O: the hop is not
// dialed, nor retried with backoff, as a transport error would be.
func TestRedirectToANonHTTPURLFailsAtOnce(t *testing.T) {
	for _, loc := range []string{"ftp://example.com/x", "data:text/plain,hi", "http://127.0.0.1:99999/x"} {
		t.Run(loc, func(t *testing.T) {
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Location", loc)
				w.WriteHeader(http.StatusFound)
			}))
			defer ts.Close()
			c := client.New(client.WithBaseURL(ts.URL))
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			resp, err := c.Request(ctx, client.Option{URL: "/a", Mode: client.ModeCORS})
			if !errors.Is(err, client.ErrInvalidURL) {
				t.Errorf("err = %v, want ErrInvalidURL", err)
			}
			if resp.Attempts != 1 {
				t.Errorf("%d attempts, want 1 (the hop is not sent)", resp.Attempts)
			}
		})
	}
}
