package client_test

import (
	"context"
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/transports"
)

// README (Header row): a Connection other than close or keep-alive, or an
// Upgrade, to an origin that speaks HTTP/2 is ErrInvalidHeader, "a WebSocket
// handshake, Connection: Upgrade with Upgrade: websocket, goes over HTTP/1".
// TestHTTP2RefusedHeaderIsTheCallersError holds the refusal; this holds
// the exception: against a TLS origin that negotiates h2 for a plain GET, the
// handshake reaches it over HTTP/1.1 and the call gets the 101.
func TestWebSocketHandshakeToAnHTTP2OriginGoesOverHTTP1(t *testing.T) {
	var mu sync.Mutex
	var protos []string
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		protos = append(protos, r.Proto)
		mu.Unlock()
		if r.Header.Get("Upgrade") != "websocket" {
			return
		}
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		_, _ = buf.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
		_ = buf.Flush()
		_ = conn.Close()
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	tr := transports.Default()
	tr.TLSClientConfig = &tls.Config{RootCAs: srv.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs}
	defer tr.CloseIdleConnections()
	c := client.New(client.WithTransport(tr))
	if _, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/plain", DataType: "text"}); err != nil {
		t.Fatal(err)
	}
	handshake := http.Header{"Connection": {"Upgrade"}, "Upgrade": {"websocket"},
		"Sec-Websocket-Key": {"dGhlIHNhbXBsZSBub25jZQ=="}, "Sec-Websocket-Version": {"13"}}
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/ws", Header: handshake, RetryTimes: client.NoRetry})
	if err != nil || resp.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("handshake: status %d, err %v; want the 101", resp.StatusCode, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(protos) != 2 || protos[0] != "HTTP/2.0" || protos[1] != "HTTP/1.1" {
		t.Errorf("the origin got %q; want the GET over HTTP/2.0, the handshake over HTTP/1.1", protos)
	}
}
