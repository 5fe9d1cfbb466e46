package client_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/faultserver"
)

// A POST whose attempt timed out before it had a connection (the TCP
// connect or the TLS handshake never finished: an overloaded or
// unreachable origin) never wrote a byte of the request: it is surely
// unsent, and may be retried and failed over as a refused connection may
// (README: "POST/PATCH/CONNECT only when surely unsent"). The per-attempt
// Timeout ends such an attempt with the context's error, not a dial
// error, which the retry rule did not recognise: the POST was neither
// retried nor sent to its backup.
func TestAPOSTThatNeverConnectedIsRetriedAndFailedOver(t *testing.T) {
	backup := faultserver.New(t, faultserver.OK(`{"b":1}`))
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })

	// A TLS origin that accepts the connection and never answers the
	// handshake.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				<-release
				c.Close()
			}()
		}
	}()
	// An origin whose connect never finishes (SYNs dropped).
	dialer := &net.Dialer{}
	hanging := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		if addr == "unreachable.test:80" {
			<-release
			return nil, errors.New("no route to host")
		}
		return dialer.DialContext(ctx, network, addr)
	}}
	t.Cleanup(hanging.CloseIdleConnections)

	for name, c := range map[string]*client.Client{
		"TLS handshake never answered": client.New(client.WithBaseURL("https://" + ln.Addr().String())),
		"connect never answered":       client.New(client.WithBaseURL("http://unreachable.test"), client.WithTransport(hanging)),
	} {
		t.Run(name, func(t *testing.T) {
			before := backup.Count()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			resp, err := c.Request(ctx, client.Option{URL: "/x", Method: "POST", Data: map[string]any{"k": "v"},
				Timeout: 200 * time.Millisecond, Backup: []string{backup.URL + "/y"}, Mode: client.ModeCORS})
			if err != nil {
				t.Fatalf("the POST was not failed over: %v", err)
			}
			if m, _ := resp.Data.(map[string]any); m["b"] != 1.0 {
				t.Errorf("data %v, want the backup's", resp.Data)
			}
			if resp.Attempts != 4 {
				t.Errorf("%d attempts, want 4 (3 on the primary, retried as unsent, then the backup)", resp.Attempts)
			}
			reqs := backup.Requests()
			if got := len(reqs) - before; got != 1 || string(reqs[len(reqs)-1].Body) != `{"k":"v"}` {
				t.Errorf("the backup got %d requests, last body %q", got, reqs[len(reqs)-1].Body)
			}
		})
	}
}
