package client_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/transports"
)

// An HTTP/2 connection that goes silent (a NAT or a firewall dropped it,
// toxiproxy's timeout toxic: nothing arrives, nothing is closed) was used
// by every call after it: each attempt timed out on it, as its streams
// were reset and the next took their place, for as long as the kernel
// kept the connection (minutes); the server, reachable on a new
// connection, never heard of them. Over HTTP/1 the timed-out attempt's
// connection is closed and the retry dials anew. transports.Default now
// pings an HTTP/2 connection that has read nothing for 5 s and closes it
// when 2 s pass without the answer: the calls get through again on a new
// connection within about 7 s.
func TestHTTP2SilentConnectionIsLeft(t *testing.T) {
	var cutoff atomic.Int64 // connections made before it go silent
	silent := func(dst, src net.Conn, _ func()) {
		made := time.Now().UnixNano()
		chunks(src, func(p []byte) bool {
			if c := cutoff.Load(); c != 0 && made < c {
				return true // dropped
			}
			_, err := dst.Write(p)
			return err == nil
		})
	}
	srv, _, count := newH2TestServer(t, func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"proto":"`+r.Proto+`"}`)
	})
	tr := transports.Default()
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	tr.TLSClientConfig = &tls.Config{RootCAs: pool}
	defer tr.CloseIdleConnections()
	c := fastClient(client.WithTransport(tr))
	url := "https://" + toxicProxy(t, strings.TrimPrefix(srv.URL, "https://"), silent, silent) + "/x"
	if resp, err := c.Request(context.Background(), client.Option{URL: url}); err != nil || resp.Data.(map[string]any)["proto"] != "HTTP/2.0" {
		t.Fatalf("the first call: %v, %v", resp.Data, err)
	}
	cutoff.Store(time.Now().UnixNano())
	start := time.Now()
	const within = 5*time.Second + 2*time.Second + time.Second
	for time.Since(start) < within+2*time.Second {
		resp, err := c.Request(context.Background(), client.Option{URL: url, Timeout: 300 * time.Millisecond, RetryTimes: client.NoRetry})
		if err == nil {
			if took := time.Since(start); took > within || count.Load() != 2 {
				t.Errorf("a call got through after %v (the server heard %d); want within %v", took, count.Load(), within)
			}
			return
		}
		if resp.Attempts != 1 {
			t.Fatalf("%d attempts", resp.Attempts)
		}
		time.Sleep(500 * time.Millisecond) // under the circuit breaker's 20 attempts
	}
	t.Errorf("no call got through in %v: the silent connection is still used (the server heard %d)", within+2*time.Second, count.Load())
}
