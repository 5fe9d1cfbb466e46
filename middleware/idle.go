package middleware

import "net/http"

// CloseIdleConnections calls rt's CloseIdleConnections method when it has
// one. Every layer forwards its own CloseIdleConnections to its base this
// way (as otelhttp's Transport does), so that http.Client's
// CloseIdleConnections reaches the transport at the bottom of a stack
// rather than stopping at the outermost layer.
func CloseIdleConnections(rt http.RoundTripper) {
	if t, ok := rt.(interface{ CloseIdleConnections() }); ok {
		t.CloseIdleConnections()
	}
}
