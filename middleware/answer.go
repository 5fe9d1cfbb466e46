package middleware

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
)

// RoundTrip is rt.RoundTrip(req) with the RoundTripper contract held for
// the layer that calls it, as net/http's Client holds it for its
// transport: a (nil, nil) answer is an error, and a response with a nil
// Body gets an empty one, or, when its Content-Length promised bytes, is
// an error. A layer alone (New, Middleware, Chain) over a caller's
// transport that breaks the contract would otherwise read the nil answer
// and panic. A bare io.EOF (net/http's error for a kept-alive connection
// the server closed after it took a request it may have applied, which is
// not sent again) is said to be that: "EOF" alone tells the caller nothing.
// So is net/http's write of a request whose connection its read side
// closed on the server's close, mid-body: "use of closed network
// connection" reads as the caller's own mistake.
func RoundTrip(rt http.RoundTripper, req *http.Request) (*http.Response, error) {
	resp, err := rt.RoundTrip(req)
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return resp, fmt.Errorf("the connection closed before an answer came: %w", err)
	case err != nil && closedWrite(err):
		return resp, fmt.Errorf("the connection closed while the request was being sent: %w", err)
	case err != nil:
	case resp == nil:
		err = fmt.Errorf("transport %T returned a nil *Response with a nil error", rt)
	case !FillNilBody(req, resp):
		return nil, fmt.Errorf("transport %T returned a nil Body with a Content-Length of %d", rt, resp.ContentLength)
	}
	return resp, err
}

// closedWrite reports whether err is the transport's own failed write on
// a connection closed under it (a *net.OpError, as net/http returns it,
// not one a layer has wrapped already: that one was said once).
func closedWrite(err error) bool {
	op, ok := err.(*net.OpError)
	return ok && op.Op == "write" && errors.Is(op.Err, net.ErrClosed)
}

// FillNilBody gives resp, an answer to req, an empty Body in place of a
// nil one, as net/http's Client reads a transport's, and reports false,
// leaving it nil, when its Content-Length promised bytes: then it is no
// answer.
func FillNilBody(req *http.Request, resp *http.Response) bool {
	if resp.Body != nil {
		return true
	}
	if resp.ContentLength > 0 && req.Method != http.MethodHead {
		return false
	}
	resp.Body = http.NoBody
	return true
}
