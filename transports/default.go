// Package transports holds the bottom of a taroreq stack: a tuned default
// transport, and fakes that users can drive in their own tests.
package transports

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/taroreq/taroreq/middleware"
)

// MaxResponseHeaderBytes bounds the response header Default's transports
// read: a server that sends more fails the attempt.
const MaxResponseHeaderBytes = 1 << 20

// Default returns a new *http.Transport tuned for a client shared by many
// goroutines: bounded dial, TLS-handshake and idle timeouts, HTTP/2
// attempted and its connections health-checked by ping, and a connection
// pool large enough that concurrent requests to one host reuse connections
// instead of opening new ones. Each
// call returns a fresh transport with its own pool; it is safe for concurrent
// use, as every *http.Transport is.
//
// Its unencrypted HTTP/1 connections close when a server sends bytes past the end of an
// answer (a body longer than its Content-Length, a body after a 204 or
// 304): net/http would hand those bytes to the next request on the
// connection as its answer, another caller's maybe. The request that would
// have been sent on it is sent on another connection (see ErrStrayBytes).
// Over TLS the guard, below the encryption, does not watch (not yet).
//
// It sets no ResponseHeaderTimeout: how long an answer may take is the
// request's (a client's per-attempt Timeout, which may be long or none for a
// long poll, and the context's deadline), not the transport's. A plain
// http.Client over it should bound its requests with a context or
// http.Client.Timeout.
func Default() *http.Transport {
	dialer := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Transport{
		Proxy:                  http.ProxyFromEnvironment,
		OnProxyConnectResponse: proxyConnectResponse,
		DialContext:            guardDial(dialer.DialContext), // see strayGuard
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    5 * time.Second,
		ExpectContinueTimeout:  time.Second,
		IdleConnTimeout:        90 * time.Second,
		MaxIdleConns:           256,
		// net/http's default of 2 idle connections per host makes a busy
		// client open and close connections all the time.
		MaxIdleConnsPerHost: 64,
		// Headers are held whole in memory before any layer sees them:
		// 1 MiB, not net/http's 10 MiB (a browser takes a few hundred KiB).
		MaxResponseHeaderBytes: MaxResponseHeaderBytes,
		// An HTTP/2 connection that went silent (dropped by a NAT or a
		// firewall, nothing closed) would take every request after it, each
		// timing out, for as long as the kernel keeps it (minutes): a
		// timed-out stream is reset and its connection kept, where an
		// HTTP/1 one is closed. One that has read nothing for
		// SendPingTimeout is pinged, and closed without the answer within
		// PingTimeout.
		HTTP2: &http.HTTP2Config{SendPingTimeout: H2PingAfter, PingTimeout: H2PingTimeout},
	}
}

// H2PingAfter and H2PingTimeout are Default's HTTP/2 health check: a
// connection that has read no frame for H2PingAfter is pinged, and closed
// if no answer comes within H2PingTimeout.
const (
	H2PingAfter   = 5 * time.Second
	H2PingTimeout = 2 * time.Second
)

// ProxyConnectError is the error of a request to an https URL whose proxy
// would not open the tunnel: its answer to CONNECT was not a 200. (net/http's
// own error is the proxy's reason phrase alone, "Proxy Authentication
// Required", or "OK", or nothing at all, and says neither that a proxy
// answered nor with what status.) The request never reached the origin. A
// refusal the proxy would give again (a 4xx, but 408 and 429: a 407, a
// 403) matches middleware.ErrNoRetry: it is not retried on the same URL.
// It is not modified once returned: safe to share between goroutines.
type ProxyConnectError struct {
	Proxy      string // the proxy's host:port, without its userinfo
	StatusCode int    // the status of the proxy's answer to CONNECT
}

// Error names the proxy and its status; it holds no credential (the
// proxy's userinfo is not in Proxy).
func (e *ProxyConnectError) Error() string {
	if e == nil {
		return "proxy refused the tunnel (nil *transports.ProxyConnectError)"
	}
	if text := http.StatusText(e.StatusCode); text != "" {
		return fmt.Sprintf("proxy %s refused the tunnel: %d %s", e.Proxy, e.StatusCode, text)
	}
	return fmt.Sprintf("proxy %s refused the tunnel: status %d", e.Proxy, e.StatusCode)
}

// Is matches middleware.ErrNoRetry for a 4xx but 408 and 429.
func (e *ProxyConnectError) Is(target error) bool {
	if e == nil {
		return false
	}
	return target == middleware.ErrNoRetry && e.StatusCode >= 400 && e.StatusCode < 500 &&
		e.StatusCode != http.StatusRequestTimeout && e.StatusCode != http.StatusTooManyRequests
}

func proxyConnectResponse(_ context.Context, proxy *url.URL, _ *http.Request, resp *http.Response) error {
	if resp.StatusCode == http.StatusOK {
		return nil
	}
	return &ProxyConnectError{Proxy: proxy.Host, StatusCode: resp.StatusCode}
}
