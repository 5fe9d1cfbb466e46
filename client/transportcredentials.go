package client

import (
	"net/http"
	"slices"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
)

// noteTransportCredentials marks req's call (a plain request's
// PlainAnswer) when sent, the request the transport's answer says it went
// out as (its Request: net/http's transport sets the one it was handed),
// is another request than req with other credential headers or userinfo,
// or to another URL, Host or method. A transport that authenticates each
// user's client (golang.org/x/oauth2's Transport, a request signer) sends
// a clone with that user's token, which the store and the HTTP cache
// above, keying req, did not count: its answer is not written where
// another user's request finds it, as an inner layer's is not
// (innerCredentials).
func noteTransportCredentials(req, sent *http.Request, names []string) {
	if sent == nil || sent == req || sent.URL == nil || req.URL == nil {
		return
	}
	if !middleware.SendingOf(req).Other(sent) && sent.URL.User.String() == req.URL.User.String() &&
		credentialsIn(req.Header, sent.Header, names) && credentialsIn(sent.Header, req.Header, names) {
		return
	}
	if call := middleware.CallFrom(req.Context()); call != nil {
		call.SetSentOtherCredentials()
		return
	}
	middleware.PlainAnswerFrom(req.Context()).SetSentOtherCredentials()
}

// credentialsIn reports whether every credential header of h has the same
// values in other.
func credentialsIn(h, other http.Header, names []string) bool {
	for k, vs := range h {
		if credential.IsHeader(k, names) && !slices.Equal(vs, other.Values(k)) {
			return false
		}
	}
	return true
}
