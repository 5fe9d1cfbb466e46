package transports_test

import (
	"bufio"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/transports"
)

// refusingProxy answers every CONNECT with the status line given, and
// counts them.
func refusingProxy(t *testing.T, statusLine string) (*url.URL, *atomic.Int32) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	var n atomic.Int32
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.SetDeadline(time.Now().Add(5 * time.Second))
			if _, err := http.ReadRequest(bufio.NewReader(c)); err == nil {
				n.Add(1)
				c.Write([]byte(statusLine + "\r\nContent-Length: 0\r\n\r\n"))
			}
			c.Close()
		}
	}()
	return &url.URL{Scheme: "http", User: url.UserPassword("pu", "proxy-secret"), Host: ln.Addr().String()}, &n
}

// A proxy that refuses the tunnel to an https origin gives an error that
// says so, with its status, whatever reason phrase it wrote (net/http's
// error is that phrase alone: here nothing, or "OK"); a 407 or a 403 is not
// retried, a 502 is.
func TestAProxyRefusingTheTunnelGivesAClearError(t *testing.T) {
	cases := []struct {
		line     string
		code     int
		connects int32
	}{
		{"HTTP/1.1 407 ", 407, 1},
		{"HTTP/1.1 407 OK", 407, 1},
		{"HTTP/1.1 403 Forbidden", 403, 1},
		{"HTTP/1.1 502 Bad Gateway", 502, 3},
	}
	for _, tc := range cases {
		pu, connects := refusingProxy(t, tc.line)
		tr := transports.Default()
		tr.Proxy = http.ProxyURL(pu)
		rt := retry.New(tr, retry.WithRetryTimes(2), retry.WithBackoff(nil, 0, 0))
		req, _ := http.NewRequest(http.MethodGet, "https://api.example.com/x", nil)
		resp, err := rt.RoundTrip(req)
		if resp != nil {
			resp.Body.Close()
		}
		tr.CloseIdleConnections()
		var pe *transports.ProxyConnectError
		if !errors.As(err, &pe) || pe.StatusCode != tc.code {
			t.Errorf("%q: err = %v, want a *transports.ProxyConnectError of %d", tc.line, err, tc.code)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, "proxy "+pu.Host+" refused the tunnel: ") ||
			!strings.Contains(msg, http.StatusText(tc.code)) || strings.Contains(msg, "proxy-secret") {
			t.Errorf("%q: error text %q", tc.line, msg)
		}
		if got := connects.Load(); got != tc.connects {
			t.Errorf("%q: the proxy got %d CONNECTs, want %d", tc.line, got, tc.connects)
		}
		if errors.Is(err, middleware.ErrNoRetry) != (tc.connects == 1) {
			t.Errorf("%q: errors.Is(err, ErrNoRetry) = %v", tc.line, !(tc.connects == 1))
		}
	}
}
