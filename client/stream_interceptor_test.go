package client_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// passThrough is an interceptor that only calls proceed.
func passThrough(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
	return proceed(ctx, opt)
}

// A client with an interceptor streams as one without: the interceptor
// sees the defaults filled in, and a streamed call's default Cache is the
// no-store it is sent with.
func TestStreamThroughInterceptor(t *testing.T) {
	var seen client.Option
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "streamed") })
	c := client.New(client.WithInterceptors(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		seen = opt
		return proceed(ctx, opt)
	}))
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, EnableChunked: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || string(got) != "streamed" {
		t.Fatalf("body %q, err %v", got, err)
	}
	if seen.Cache != client.CacheNoStore {
		t.Fatalf("the interceptor saw Cache %q, want %q", seen.Cache, client.CacheNoStore)
	}
}

// Events works through an interceptor, and an interceptor that answers by
// itself without a body ends the sequence with an error, never a panic.
func TestEventsThroughInterceptor(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		sseHeader(w)
		io.WriteString(w, "data: a\n\n")
	})
	c := client.New(client.WithInterceptors(passThrough))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for ev, err := range c.Events(ctx, client.Option{URL: srv.URL}) {
		if err != nil || ev.Data != "a" {
			t.Fatalf("event %+v, err %v", ev, err)
		}
		break
	}

	for _, answer := range []*client.Response{{StatusCode: 200}, nil} {
		c := client.New(client.WithInterceptors(func(context.Context, client.Option, client.Proceed) (*client.Response, error) {
			return answer, nil
		}))
		var errs []error
		for _, err := range c.Events(context.Background(), client.Option{URL: srv.URL, Method: "POST"}) {
			errs = append(errs, err)
		}
		if len(errs) != 1 || errs[0] == nil || !strings.Contains(errs[0].Error(), "POST") {
			t.Fatalf("answer %+v: errors %v, want one naming the POST", answer, errs)
		}
	}
}
