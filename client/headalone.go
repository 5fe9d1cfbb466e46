package client

import (
	"crypto/tls"
	"net"
	"net/http"
	"net/http/httptrace"
)

// headAlone is req, or for a HEAD a copy that asks for a connection of its
// own, closed after it. A server that (wrongly) sends a body with its answer
// to a HEAD leaves those bytes on the connection, and net/http puts the
// connection back idle before it sees them (golang/go#68653): the next
// request on it, another caller's maybe, would read them as its own answer.
// HTTP/2's frames leave no stray bytes, and there Close would retire the
// connection every request shares: the copy asks for it only once the
// transport says (httptrace's GotConn, before it writes the request) that
// the connection it got is not TLS with "h2" negotiated. A transport that
// calls no GotConn sends the HEAD with Close.
func headAlone(req *http.Request) *http.Request {
	if req.Method != http.MethodHead || req.Close {
		return req
	}
	var r *http.Request
	trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		// Each connection the transport tries (a retry on a fresh one
		// after a reused one failed) says for itself.
		r.Close = !speaksHTTP2(info.Conn)
	}}
	r = req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
	r.Close = true
	return r
}

// speaksHTTP2 reports whether conn is a TLS connection that negotiated
// HTTP/2 (unencrypted HTTP/2 is not told from HTTP/1 here: its HEAD goes
// with Close, as over HTTP/1).
func speaksHTTP2(conn net.Conn) bool {
	tc, ok := conn.(*tls.Conn)
	return ok && tc.ConnectionState().NegotiatedProtocol == "h2"
}
