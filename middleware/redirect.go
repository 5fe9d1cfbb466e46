package middleware

import "net/http"

// Redirected reports whether resp, the answer to req, is a redirect that the
// client above the layers follows, by http.Client's rule: 301, 302, 303, 307
// or 308 with a Location, but a 307 or 308 in a call whose first request has
// a body that cannot be sent again (no GetBody: http.Client judges by the
// first request, whatever the hops since), which http.Client hands back as
// the answer. A redirect is a step on the way, not the call's answer, so no
// check judges it and no header listener hears of it (a browser shows
// neither its dataCheck nor its script the hops). A client that does not
// follow it (a CheckRedirect returning http.ErrUseLastResponse) gets it
// unchecked.
func Redirected(req *http.Request, resp *http.Response) bool {
	switch resp.StatusCode {
	case http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		if oneShotBody(req) {
			return false
		}
		fallthrough
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther:
		return resp.Header.Get("Location") != ""
	}
	return false
}

// oneShotBody reports whether the first request of req's call has a body
// that cannot be sent again: its Settings say so (a client's calls), or the
// first request of req's redirect chain does, its hops pointing back to the
// answers before them (a plain http.Client's, a Call a caller made).
func oneShotBody(req *http.Request) bool {
	if req == nil {
		return false
	}
	if call := CallFrom(req.Context()); call != nil && call.Settings.OneShotBody {
		return true
	}
	first := req
	for first.Response != nil && first.Response.Request != nil {
		first = first.Response.Request
	}
	// http.Client's rule: no GetBody and a body (of a known length or not).
	return first.GetBody == nil && first.Body != nil && first.Body != http.NoBody
}
