// Package transports holds the bottom of a taroreq stack: a tuned default
// transport, and fakes that users can drive in their own tests.
package transports

import (
	"net"
	"net/http"
	"time"
)

// MaxResponseHeaderBytes bounds the response header Default's transports
// read: a server that sends more fails the attempt.
const MaxResponseHeaderBytes = 1 << 20

// Default returns a new *http.Transport tuned for a client shared by many
// goroutines: bounded dial, TLS-handshake and idle timeouts, HTTP/2
// attempted, and a connection pool large enough that concurrent
// requests to one host reuse connections instead of opening new ones. Each
// call returns a fresh transport with its own pool; it is safe for concurrent
// use, as every *http.Transport is.
//
// It sets no ResponseHeaderTimeout: how long an answer may take is the
// request's (a client's per-attempt Timeout, which may be long or none for a
// long poll, and the context's deadline), not the transport's. A plain
// http.Client over it should bound its requests with a context or
// http.Client.Timeout.
func Default() *http.Transport {
	dialer := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   5 * time.Second,
		ExpectContinueTimeout: time.Second,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConns:          256,
		// net/http's default of 2 idle connections per host makes a busy
		// client open and close connections all the time.
		MaxIdleConnsPerHost: 64,
		// Headers are held whole in memory before any layer sees them:
		// 1 MiB, not net/http's 10 MiB (a browser takes a few hundred KiB).
		MaxResponseHeaderBytes: MaxResponseHeaderBytes,
	}
}
