package middleware

import (
	"fmt"
	"net/http"
)

// RoundTrip is rt.RoundTrip(req) with the RoundTripper contract held for
// the layer that calls it, as net/http's Client holds it for its
// transport: a (nil, nil) answer is an error, and a response with a nil
// Body gets an empty one, or, when its Content-Length promised bytes, is
// an error. A layer alone (New, Middleware, Chain) over a caller's
// transport that breaks the contract would otherwise read the nil answer
// and panic.
func RoundTrip(rt http.RoundTripper, req *http.Request) (*http.Response, error) {
	resp, err := rt.RoundTrip(req)
	switch {
	case err != nil:
	case resp == nil:
		err = fmt.Errorf("transport %T returned a nil *Response with a nil error", rt)
	case resp.Body == nil:
		if resp.ContentLength > 0 && req.Method != http.MethodHead {
			return nil, fmt.Errorf("transport %T returned a nil Body with a Content-Length of %d", rt, resp.ContentLength)
		}
		resp.Body = http.NoBody
	}
	return resp, err
}
