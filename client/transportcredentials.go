package client

import (
	"hash/maphash"
	"net/http"
	"slices"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
)

// noteTransportCredentials marks req's call (a plain request's
// PlainAnswer) when the transport sent it with other credentials than it
// was handed: sent, the request its answer says it went out as (its
// Request: net/http's transport sets the one it was handed; nil is req),
// has other credential headers or userinfo than print, req's before the
// transport had it (credentialPrint), or is another request than was, req
// before the transport had it, to another URL, Host or method (one that
// changed req itself, against the RoundTripper contract, is told too: a
// token put in req.URL's query, which the layers above share). A transport that authenticates each
// user's client (golang.org/x/oauth2's Transport, a request signer) sends
// the request with that user's token, which the store and the HTTP cache
// above, keying req, did not count: its answer is not written where
// another user's request finds it, as an inner layer's is not
// (innerCredentials).
//
// So is one whose answer (header h) varies on a field the transport set or
// changed on the request it made (each tenant's X-Shard: middleware.VariedBelow).
func noteTransportCredentials(req, sent *http.Request, h http.Header, print uint64, was *middleware.Sending, names []string) {
	if sent == nil {
		sent = req
	} else if sent != req {
		// The layers above see req once the answer is back: what the
		// transport sent is theirs to partition by their own names too.
		middleware.PlainAnswerFrom(req.Context()).SetSentByTransport(sent)
	}
	if credentialPrint(sent, names) == print && !was.Other(sent) && (sent == req || !middleware.VariedBelow(h, req.Header, sent.Header)) {
		return
	}
	if call := middleware.CallFrom(req.Context()); call != nil {
		call.SetSentOtherCredentials()
		return
	}
	middleware.PlainAnswerFrom(req.Context()).SetSentOtherCredentials()
}

// watchedNames is names, the client's credential names, with those of the
// request's Call or plain request (middleware.CredentialHeaderNames) when
// they differ: another client's request through this one's Transport (its
// transport) is keyed by that client's names in its layers above, which see
// only what this layer tells them of what the transport sent.
func watchedNames(req *http.Request, names []string) []string {
	if theirs := middleware.CredentialHeaderNames(req.Context()); len(theirs) > 0 && !slices.Equal(theirs, names) {
		return slices.Concat(names, theirs)
	}
	return names
}

var credentialSeed = maphash.MakeSeed()

// credentialPrint is a hash of req's credential headers (names and
// values) and URL userinfo, whatever the order of the header's map.
func credentialPrint(req *http.Request, names []string) uint64 {
	var sum uint64
	for k, vs := range req.Header {
		if !credential.IsHeader(k, names) {
			continue
		}
		var h maphash.Hash
		h.SetSeed(credentialSeed)
		h.WriteString(http.CanonicalHeaderKey(k))
		for _, v := range vs {
			h.WriteByte(0)
			h.WriteString(v)
		}
		sum += h.Sum64()
	}
	if req.URL != nil && req.URL.User != nil {
		sum += maphash.String(credentialSeed, req.URL.User.String())
	}
	return sum
}
