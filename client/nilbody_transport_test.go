package client_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// nilBody answers every request 200 with no Body at all, as test fakes
// often do for an empty one (net/http's Client reads it as empty), and
// with Content-Length n when n > 0.
func nilBody(n int64) middleware.RoundTripperFunc {
	return func(r *http.Request) (*http.Response, error) {
		if r.Body != nil {
			r.Body.Close()
		}
		return &http.Response{StatusCode: 200, ContentLength: n, Header: http.Header{}}, nil
	}
}

// A caller's transport or layer that answers with a nil Body had the
// client's own layers above it read it and panic (the timeout layer's
// body, the retry layer's buffering); net/http's Client gives such an
// answer an empty body, or fails it when its Content-Length promised
// bytes. The client now does the same, in every entry point.
func TestNilBodyAnswerIsEmptyNotAPanic(t *testing.T) {
	inner := func(http.RoundTripper) http.RoundTripper { return nilBody(0) }
	for name, opts := range map[string][]client.ClientOption{
		"transport":         {client.WithTransport(nilBody(0))},
		"transport + cache": {client.WithTransport(nilBody(0)), client.WithHTTPCache()},
		"inner layer":       {client.WithInnerLayers(inner)},
		"outer layer":       {client.WithOuterLayers(inner)},
	} {
		t.Run(name, func(t *testing.T) {
			c := client.New(opts...)
			always := func(*client.Response) bool { return true }
			for _, o := range []client.Option{
				{URL: "http://api.test/a"},
				{URL: "http://api.test/b", UseStore: true, DataCheck: always},
				{URL: "http://api.test/c", EnableChunked: true},
			} {
				r, err := c.Request(context.Background(), o)
				if err != nil {
					t.Fatalf("%s: %v", o.URL, err)
				}
				if r.StatusCode != 200 || len(r.Raw) != 0 {
					t.Errorf("%s: status %d, body %q", o.URL, r.StatusCode, r.Raw)
				}
				if r.Body != nil {
					r.Body.Close()
				}
				if _, err := c.Go(context.Background(), o).Wait(); err != nil {
					t.Errorf("%s (Go): %v", o.URL, err)
				}
			}
			hc := &http.Client{Transport: c.Transport()}
			resp, err := hc.Get("http://api.test/plain")
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || len(b) != 0 {
				t.Errorf("plain: body %q, %v", b, err)
			}
		})
	}
}

// One whose Content-Length promised bytes fails the call, as net/http's
// Client fails it.
func TestNilBodyWithLengthFails(t *testing.T) {
	c := client.New(client.WithTransport(nilBody(5)))
	_, err := c.Request(context.Background(), client.Option{URL: "http://api.test/", RetryTimes: client.NoRetry})
	if err == nil || !strings.Contains(err.Error(), "nil Body") {
		t.Fatalf("err %v, want the nil Body named", err)
	}
}
