package middleware

import "net/http"

// Redirected reports whether resp is a redirect that the client above the
// layers follows, by http.Client's rule: 301, 302, 303, 307 or 308 with a
// Location, but a 307 or 308 to a request whose body cannot be sent again
// (no GetBody), which http.Client hands back as the answer. A redirect is a
// step on the way, not the call's answer, so no check judges it and no
// header listener hears of it (a browser shows neither its dataCheck nor
// its script the hops). A client that does not follow it (a CheckRedirect
// returning http.ErrUseLastResponse) gets it unchecked.
func Redirected(resp *http.Response) bool {
	switch resp.StatusCode {
	case http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		if r := resp.Request; r != nil && r.GetBody == nil && r.Body != nil && r.Body != http.NoBody && r.ContentLength != 0 {
			return false
		}
		fallthrough
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther:
		return resp.Header.Get("Location") != ""
	}
	return false
}
