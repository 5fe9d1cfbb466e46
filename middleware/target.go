package middleware

import (
	"net/http"
	"strings"

	"github.com/taroreq/taroreq/internal/credential"
)

// TargetText is the text a cache or store files req's answer under: its
// URL, followed by the Host header when that names another host than the
// URL. A reverse proxy keeps the incoming Host while its URL names the
// backend, and the backend may serve every virtual host its own answer:
// filed by URL alone, one tenant's page would answer another's. Hosts are
// compared and written as NormalHost gives them. A URL with an Opaque
// (net/http's way to send a path as written, "/a%2Fb") formats without
// its host ("http:/a%2Fb"), or with the host its Opaque names, and goes
// to URL.Host all the same: that host follows it, or every origin's
// requests of one Opaque would share one text.
func TargetText(req *http.Request) string {
	u := req.URL.String()
	if req.URL.Opaque != "" {
		u += " dial=" + NormalHost(req.URL.Host, req.URL.Scheme)
	}
	if req.Host == "" || req.Host == req.URL.Host {
		return u // the usual request: nothing to normalize
	}
	host := NormalHost(req.Host, req.URL.Scheme)
	if host == NormalHost(req.URL.Host, req.URL.Scheme) {
		return u
	}
	return u + " host=" + host
}

// NormalHost is host (a URL's or a Host header's) as one spelling of its
// name: lower-cased, an IPv6 address in its one spelling
// (credential.CanonicalHost), without a trailing dot on the name and
// without the port that is the scheme's default (RFC 9110 §4.2.3).
func NormalHost(host, scheme string) string {
	host = credential.LowerHost(host) // ASCII only: İ is no i (see credential.LowerHost)
	name, port := host, ""
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.Contains(host[i:], "]") {
		name, port = host[:i], host[i+1:]
	}
	switch {
	case port == "80" && strings.EqualFold(scheme, "http"), port == "443" && strings.EqualFold(scheme, "https"):
		port = ""
	}
	name = strings.TrimSuffix(name, ".")
	if strings.HasPrefix(name, "[") {
		// An IPv6 address in its one spelling ([0:0::1] is [::1]).
		name = credential.CanonicalHost(name)
	}
	if port == "" {
		return name
	}
	if len(name)+1+len(port) == len(host) && host[:len(name)] == name {
		return host // nothing cut: no copy
	}
	return name + ":" + port
}
