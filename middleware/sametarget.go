package middleware

import (
	"net/http"
	"net/url"
)

// SameTarget reports whether a and b ask for one thing of one server:
// scheme, userinfo, host, path and query alike (the fragment, never sent,
// aside). A layer below a store or an HTTP cache that changed the URL of a
// request (put a user's token in its query, a user's id in its path) sent
// another request than the one they keyed: its answer is not the key's.
func SameTarget(a, b *url.URL) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil {
		return false
	}
	return a.Scheme == b.Scheme && a.Opaque == b.Opaque && a.Host == b.Host && a.Path == b.Path &&
		a.RawPath == b.RawPath && a.RawQuery == b.RawQuery && a.ForceQuery == b.ForceQuery &&
		(a.User == nil) == (b.User == nil) && (a.User == nil || *a.User == *b.User)
}

// SentHost is the host req goes to, as NormalHost spells it: its Host
// field, which net/http sends, else its URL's. A layer below a store or an
// HTTP cache that set another (each user's virtual host) sent another
// request than the one they keyed, its URL alike.
func SentHost(req *http.Request) string {
	host, scheme := req.Host, ""
	if req.URL != nil {
		scheme = req.URL.Scheme
		if host == "" {
			host = req.URL.Host
		}
	}
	return NormalHost(host, scheme)
}

// SentOtherBody reports whether sent, the request a plain request's answer
// came to (its Request: as the layers below sent it), went out with another
// method than req, the request a store or an HTTP cache keyed, or with a
// body when req had none: a layer below that made it so (each user's token
// put in a JSON-RPC call's body, a GET turned into a POST search) sent
// another request than the one they keyed, whose key counts no body (a
// plain GET's or HEAD's), and the answer is not the key's.
func SentOtherBody(req, sent *http.Request) bool {
	if req == nil || sent == nil || req == sent {
		return false
	}
	return methodOf(sent) != methodOf(req) || hasBody(sent) && !hasBody(req)
}

func methodOf(r *http.Request) string {
	if r.Method == "" {
		return http.MethodGet
	}
	return r.Method
}

// hasBody reports whether r goes out with a body.
func hasBody(r *http.Request) bool {
	return r.ContentLength != 0 || r.Body != nil && r.Body != http.NoBody
}
