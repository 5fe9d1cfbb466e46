package middleware

import (
	"errors"
	"fmt"
	"net/http"
)

// ErrInvalidRequest matches a request that no transport can send: a nil
// *http.Request, or one without a URL or a Header. Every layer and fake of
// this module refuses such a request with an error naming what is missing,
// before any I/O, where net/http's Transport would panic on a nil one.
var ErrInvalidRequest = errors.New("invalid request")

// CheckRequest returns nil for a request a RoundTripper can take, else an
// error that matches ErrInvalidRequest and says what is missing. Refusing,
// it closes the request's body, as the RoundTripper contract asks of a
// RoundTrip that fails. A layer calls it first in its RoundTrip.
func CheckRequest(req *http.Request) error {
	var missing string
	switch {
	case req == nil:
		return invalidRequest("nil *http.Request")
	case req.URL == nil:
		missing = "nil URL"
	case req.Header == nil:
		missing = "nil Header"
	default:
		return nil
	}
	CloseRequestBody(req)
	return invalidRequest(missing)
}

func invalidRequest(what string) error {
	return fmt.Errorf("%w: %s", ErrInvalidRequest, what)
}
