package client

import (
	"net/url"
	"strings"

	"github.com/taroreq/taroreq/internal/credential"
)

// canonicalIPv6 is u with an IPv6 literal host in its one spelling
// (credential.CanonicalHost): cookiejar compares hosts as text, so the
// cookies [0:0::1] set were not sent to [::1], one address, one origin. A
// URL the client parsed is so spelled already; a plain http.Client's
// request or redirect through the client's Transport may not be.
func canonicalIPv6(u *url.URL) *url.URL {
	if u == nil || !strings.HasPrefix(u.Host, "[") {
		return u
	}
	host := u.Hostname()
	canon := credential.CanonicalHost(host)
	if canon == host {
		return u
	}
	c := *u
	c.Host = "[" + canon + "]"
	if p := u.Port(); p != "" {
		c.Host += ":" + p
	}
	return &c
}

// withPort is u as net/http/cookiejar must see it: an IPv6 literal host
// with its port spelled out. cookiejar keeps "[::1]" with its brackets when
// no port follows and "::1" without them when one does, so the cookies of
// http://[::1]:80 and http://[::1] would not meet.
func withPort(u *url.URL) *url.URL {
	host := u.Hostname()
	if u.Port() != "" || !strings.Contains(host, ":") {
		return u // a port, or not an IPv6 literal
	}
	c := *u
	port := "80"
	if strings.EqualFold(u.Scheme, "https") {
		port = "443"
	}
	c.Host = "[" + host + "]:" + port // "[::1]" and "[::1]:" alike
	return &c
}
