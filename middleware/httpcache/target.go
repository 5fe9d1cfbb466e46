package httpcache

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
)

// target is the text req's entries are filed under and invalidated by:
// middleware.TargetText of its URL in one spelling of the target URI (RFC
// 9110 §4.2.3), so that every spelling of one resource finds, and a POST
// through any of them invalidates (RFC 9111 §4.4), the same entries: the
// host in lower case, without the scheme's default port; an empty path
// "/"; percent-encoded unreserved characters decoded and other escapes in
// upper case; no fragment and no userinfo, which never reach the origin
// (net/http makes the userinfo Authorization, in the partition; the
// variant key holds it too, see variantKey). A trailing dot stays: "h." is
// another host name to a browser, a jar and a virtual host.
func target(req *http.Request) string {
	u := req.URL
	if u == nil || !needsNormal(u) {
		return middleware.TargetText(req)
	}
	v := *u
	v.User, v.Fragment, v.RawFragment = nil, "", ""
	v.Host = canonicalHostPort(v.Host)
	if p := v.Port(); p == "" || p == "80" && v.Scheme == "http" || p == "443" && v.Scheme == "https" {
		v.Host = strings.TrimSuffix(strings.TrimSuffix(v.Host, p), ":")
	}
	if v.Opaque == "" {
		p := normalEscapes(u.EscapedPath())
		if p == "" && v.Host != "" {
			p = "/"
		}
		if path, err := url.PathUnescape(p); err == nil {
			v.Path, v.RawPath = path, p
		}
	}
	v.RawQuery = normalEscapes(v.RawQuery)
	at := *req
	at.URL = &v
	return middleware.TargetText(&at)
}

// sentHost is the host req names to the origin (its Host header, else its
// URL's), spelled as it is sent but for the scheme's default port. target
// files every spelling of a host as one, so that an unsafe request through
// any invalidates them all (RFC 9111 §4.4); but a backend may route
// spellings apart that RFC 9110 says are one (Go's ServeMux sends
// "ALICE.example" and "alice.example." to its catch-all, not to
// "alice.example/"): the variant and flight keys hold it, so that the
// answer to one spelling, the default site's, never answers another.
func sentHost(req *http.Request) string { return middleware.SentHostSpelling(req) }

// needsNormal reports whether target has anything to change in u (most
// URLs are spelled the one way already: no copy for them).
func needsNormal(u *url.URL) bool {
	if u.User != nil || u.Fragment != "" || u.RawFragment != "" || u.Path == "" && u.Opaque == "" ||
		strings.HasSuffix(u.Host, ":") || strings.ContainsRune(u.RawPath, '%') || strings.ContainsRune(u.RawQuery, '%') {
		return true
	}
	if p := u.Port(); p == "80" && u.Scheme == "http" || p == "443" && u.Scheme == "https" {
		return true
	}
	return canonicalHostPort(u.Host) != u.Host
}

// canonicalHostPort is a URL's host and port with the host in its one
// spelling (credential.CanonicalHost: lower case, an IPv6 address as RFC
// 5952 writes it, [0:0::1] as [::1]), the port as it is.
func canonicalHostPort(hostport string) string {
	if !strings.HasPrefix(hostport, "[") {
		return credential.LowerHost(hostport)
	}
	end := strings.LastIndexByte(hostport, ']')
	if end < 0 {
		return credential.LowerHost(hostport)
	}
	return credential.CanonicalHost(hostport[:end+1]) + hostport[end+1:]
}

// normalEscapes decodes the percent-encoded unreserved characters of s and
// writes the hex digits of every other escape in upper case (RFC 3986
// §6.2.2.1, §6.2.2.2): both spellings name one resource.
func normalEscapes(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' || i+2 >= len(s) || !credential.IsHex(s[i+1]) || !credential.IsHex(s[i+2]) {
			b.WriteByte(s[i])
			continue
		}
		c := credential.Unhex(s[i+1])<<4 | credential.Unhex(s[i+2])
		if unreserved(c) {
			b.WriteByte(c)
		} else {
			b.WriteByte('%')
			b.WriteString(strings.ToUpper(s[i+1 : i+3]))
		}
		i += 2
	}
	return b.String()
}

func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}
