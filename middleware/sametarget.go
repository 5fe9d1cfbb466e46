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
