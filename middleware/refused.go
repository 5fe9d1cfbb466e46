package middleware

import (
	"errors"
	"strings"
)

// refusals are the starts of the errors net/http's transports give a
// request they will not send, before any byte of it left: a malformed
// header, trailer or method, a scheme they do not speak, no host, a length
// with no body, or, to an origin that speaks HTTP/2, a connection-specific
// header (a Connection other than close or keep-alive, an Upgrade, a
// Transfer-Encoding: a WebSocket handshake's), and those of the writing of
// the request's head: over HTTP/2 a Host that is no host, a target that is
// no path, a Trailer it may not announce, a header block over the peer's
// limit; over HTTP/1 a control character in the target, an invalid Host to
// a proxy.
var refusals = [...]string{
	"net/http: invalid header ", "net/http: invalid trailer ", "net/http: invalid method ",
	"unsupported protocol scheme", "http: no Host in request URL", "http: nil Request.",
	"http: Request.ContentLength=",
	"http2: invalid Connection request header: ", "http2: invalid Upgrade request header: ",
	"http2: invalid Transfer-Encoding request header: ",
	"http2: invalid Host header", "http2: invalid request :path ", "http2: invalid Trailer key ",
	"http2: request header list larger than peer's advertised limit",
	"net/http: can't write control character in Request.URL", "http: invalid Host header",
}

// RefusedToSend reports whether err is net/http refusing to send a
// request it cannot (see refusals): the caller's request is at fault, not
// the origin, and it fails so again. net/http gives these errors no type,
// so each is known by its text, at the start of an error of err's chain: the
// same words inside another error's text (a malformed header line of an
// answer, which net/http quotes) are no refusal.
func RefusedToSend(err error) bool {
	for ; err != nil; err = errors.Unwrap(err) {
		msg := err.Error()
		for _, s := range refusals {
			if strings.HasPrefix(msg, s) {
				return true
			}
		}
	}
	return false
}
