package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// net/http's HTTP/2 transport refuses a request whose Connection header is
// other than close or keep-alive, or that has an Upgrade (but for a
// WebSocket handshake, which it sends over HTTP/1): a caller's header
// fails the attempt before any byte is sent. Such a failure was retried
// (the same header, the same refusal) and counted by the breaker as the
// origin's: seven calls with "Connection: X-Foo" opened the circuit for
// every caller of the client. It is now ErrInvalidHeader at once, not
// counted, and the next backup (which may speak HTTP/1) is tried.
func TestHTTP2RefusedHeaderIsTheCallersError(t *testing.T) {
	var h2seen atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h2seen.Add(1)
		_, _ = w.Write([]byte(`{"ok":1}`))
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL), client.WithTransport(srv.Client().Transport))
	defer c.CloseIdleConnections()
	ctx := context.Background()
	for _, h := range []http.Header{
		{"Connection": {"X-Foo"}},
		{"Upgrade": {"h2c"}},
		{"Connection": {"keep-alive, Upgrade"}, "Upgrade": {"h2c"}},
	} {
		for range 8 {
			resp, err := c.Request(ctx, client.Option{URL: "/x", Header: h})
			if !errors.Is(err, client.ErrInvalidHeader) || resp.Attempts != 1 {
				t.Fatalf("%v: %v after %d attempts, want ErrInvalidHeader after 1", h, err, resp.Attempts)
			}
		}
	}
	if h2seen.Load() != 0 {
		t.Fatalf("the origin saw %d requests, want none", h2seen.Load())
	}
	if resp, err := c.Request(ctx, client.Option{URL: "/x"}); err != nil {
		t.Fatalf("a plain call after the refused ones: %v (%s), want the circuit closed", err, resp.ErrMsg)
	}
	var h1seen atomic.Int32
	h1 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h1seen.Add(1)
		_, _ = w.Write([]byte(`{"ok":1}`))
	}))
	defer h1.Close()
	resp, err := c.Request(ctx, client.Option{URL: "/x", Backup: []string{h1.URL + "/x"}, Mode: client.ModeCORS,
		Header: http.Header{"Connection": {"X-Foo"}}})
	if err != nil || resp.URL != h1.URL+"/x" || h1seen.Load() != 1 {
		t.Fatalf("with a backup over HTTP/1: %v, answered by %q (%d requests there), want the backup's answer", err, resp.URL, h1seen.Load())
	}
}
