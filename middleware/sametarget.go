package middleware

import "net/url"

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
