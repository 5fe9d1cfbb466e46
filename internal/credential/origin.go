package credential

import (
	"net"
	"net/netip"
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
	return scheme + "://" + net.JoinHostPort(CanonicalHost(u.Hostname()), port)
}

// CanonicalHost is host (a name, or an IPv6 address with or without its
// brackets, a zone after '%' maybe) as LowerHost writes it, and an IPv6
// address in its one spelling (RFC 5952, as fetch's URL parser writes it):
// [0:0::1], [0000::0001] and [::1] are one host, and so are
// [::FFFF:127.0.0.1] and [::ffff:7f00:1]; a plain client's URLs, a Host
// header and a Location are not rewritten by a client's parser, and each
// spelling was another origin, another key. The zone is kept as written
// (interface names are case-sensitive: fe80::1%eth0 and fe80::1%eth1 stay
// two hosts), and an IPv4-mapped address stays apart from the IPv4 one, as
// fetch keeps them.
func CanonicalHost(host string) string {
	if strings.IndexByte(host, ':') < 0 {
		return LowerHost(host) // a name or an IPv4 address: the usual case
	}
	inner, bracketed := host, false
	if len(host) > 1 && host[0] == '[' && host[len(host)-1] == ']' {
		inner, bracketed = host[1:len(host)-1], true
	}
	addr, zone, zoned := strings.Cut(inner, "%")
	a, err := netip.ParseAddr(addr)
	if err != nil || !a.Is6() {
		return LowerHost(host)
	}
	out := a.String()
	if zoned {
		out += "%" + zone
	}
	if bracketed {
		out = "[" + out + "]"
	}
	return out
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
