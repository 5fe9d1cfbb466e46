package credential

import (
	"net"
	"net/url"
	"strings"
)

// Origin returns the RFC 6454 origin of u, scheme://host:port in lower case
// with the default port made explicit, so that http://h and http://h:80 are
// one origin and http://h:8080 another. Backups, redirects, modes and the
// cookie jar all compare origins with it.
func Origin(u *url.URL) string {
	if u == nil {
		return ""
	}
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		switch scheme {
		case "http", "ws":
			port = "80"
		case "https", "wss":
			port = "443"
		}
	}
	return scheme + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// SameOrigin reports whether a and b are of one origin.
func SameOrigin(a, b *url.URL) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Scheme == b.Scheme && a.Host == b.Host {
		return true // the usual case, without building either origin
	}
	return Origin(a) == Origin(b)
}
