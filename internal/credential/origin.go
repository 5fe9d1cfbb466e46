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
	return scheme + "://" + net.JoinHostPort(LowerHost(u.Hostname()), port)
}

// LowerHost lower-cases the ASCII letters of a host and leaves every other
// byte as it is, as hosts are compared for origins and cache keys: strings.ToLower would make İ (U+0130) an i, one origin with
// the ASCII name, where net/http maps the host by IDNA and dials another
// (xn--…). A host with non-ASCII letters is thus another origin than any
// ASCII one, as it is another host; the rare name IDNA would map onto an
// ASCII one (the Kelvin sign) is taken for another origin too, which
// withholds rather than sends.
//
// An IPv6 zone (after '%') is left as it is: it names an interface, and
// interface names are case-sensitive (eth0 and ETH0 are two).
func LowerHost(host string) string {
	for i := 0; i < len(host) && host[i] != '%'; i++ {
		if c := host[i]; 'A' <= c && c <= 'Z' {
			b := []byte(host)
			for j := i; j < len(b) && b[j] != '%'; j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return host
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
