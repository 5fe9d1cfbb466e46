// Package transports holds the bottom of a taroreq stack: a tuned default
// transport, and fakes that users can drive in their own tests.
package transports

import (
	"net"
	"net/http"
	"time"
)

// Default returns a new *http.Transport tuned for a client shared by many
// goroutines: bounded dial, TLS-handshake, response-header and idle timeouts,
// HTTP/2 attempted, and a connection pool large enough that concurrent
// requests to one host reuse connections instead of opening new ones. Each
// call returns a fresh transport with its own pool; it is safe for concurrent
// use, as every *http.Transport is.
func Default() *http.Transport {
	dialer := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   5 * time.Second,
		ResponseHeaderTimeout: 30 * time.Second,
		ExpectContinueTimeout: time.Second,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConns:          256,
		// net/http's default of 2 idle connections per host makes a busy
		// client open and close connections all the time.
		MaxIdleConnsPerHost: 64,
	}
}
