package main

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/credential"
)

// normalizeURL completes httpie's shorthands (":3000/x" is
// http://localhost:3000/x, "example.com" is http://example.com) and checks
// the result. With a base URL a path is left relative.
func normalizeURL(raw string, haveBase bool) (string, error) {
	s := client.CleanURL(raw) // as the client reads it
	switch {
	case haveBase && (strings.HasPrefix(s, "/") || strings.HasPrefix(s, "?")):
		return s, nil
	case strings.HasPrefix(s, ":"):
		s = "http://localhost" + s
		if strings.HasPrefix(s, "http://localhost:/") {
			s = "http://localhost" + s[len("http://localhost:"):]
		}
	case !hasScheme(s):
		s = "http://" + s
	}
	// The check is url.Parse's, but for a '%' in the fragment that starts
	// no escape ("#100%"), which the client takes as fetch does
	// (credential.FragmentPercents): s goes to it as it is.
	u, err := url.Parse(credential.FragmentPercents(s))
	if err != nil {
		return "", badURL(raw, credential.Error(err)) // redacted whole: its cause may quote a password cut at a '/
	}
	if !plausibleHost(u.Hostname()) {
		// code=SEKRET, connect.sid=SEKRET parse, their host the whole item:
		// an item is no URL, is not looked up as a name, and is named as an
		// item (a credential's without its value).
		return "", usagef("bad URL %q: it reads as an item (key, separator, value), not a URL", itemLabel(client.CleanURL(raw)))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", badURL(raw, "the scheme must be http or https")
	}
	if u.Host == "" || u.Hostname() == "" {
		return "", badURL(raw, "no host")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return "", badURL(raw, "port "+p+" is not in 1-65535")
		}
	}
	return s, nil
}

// badURL is the usage error of raw, taken for a URL, with why: an argument
// named as a credential item (urlLabelOf) gets no why, which would quote
// its value (a port, a host).
func badURL(raw, why string) error {
	label, item := urlLabelOf(raw)
	if item {
		why = "it reads as an item (key, separator, value), not a URL"
	}
	return usagef("bad URL %q: %s", label, why)
}

func isWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}

func knownMethod(m string) bool {
	switch m {
	case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT":
		return true
	}
	return false
}

// urlLabel is an argument taken for a URL as an error names it: read as
// normalizeURL reads it (http:// added to a URL typed without a scheme,
// ann:pw@host/x included) and redacted as a URL (no userinfo, secret query
// values masked); one whose key, read as parseItem reads an item's, names a
// credential (X-Api-Key:…, code=…, webhook_secret=https://…) is named as
// an item, without its value. localhost:8080/x and https://… are URLs.
func urlLabel(raw string) string {
	label, _ := urlLabelOf(raw)
	return label
}

// urlLabelOf is urlLabel, and whether it named the argument as an item
// (whose value no other part of a message may quote either).
func urlLabelOf(raw string) (label string, item bool) {
	s := client.CleanURL(raw)
	if key, sep, ok := itemKey(s); ok && credentialName(key) && !strings.ContainsAny(key, "/?#@") &&
		!(sep == ":" && portLike(s[len(key)+1:])) {
		// Authorization:…, code=…, client.secret:…: a credential item
		// typed where the URL goes (keycloak:8080/x is a host and its port,
		// api.example.com/?access_token=… a URL; a credential-named host
		// with a mistyped port, auth.example.com:80a, is named without it).
		return itemLabel(s), true
	}
	if !hasScheme(s) {
		s = "http://" + s
	}
	return credential.String(s), false
}

// hasScheme reports whether s starts with a scheme and "://" (RFC 3986:
// a letter, then letters, digits, '+', '-' or '.'), as httpie tells a URL
// typed with a scheme from one without: a "://" further on, in the query
// of example.com/login?next=https://app, is no scheme of the URL's.
func hasScheme(s string) bool {
	i := strings.Index(s, "://")
	if i <= 0 {
		return false
	}
	for j := 0; j < i; j++ {
		c := s[j]
		switch {
		case 'a' <= c|0x20 && c|0x20 <= 'z':
		case j > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}

// plausibleHost reports whether a URL's host could name one: letters,
// digits, '-', '.', '_', an IPv6 literal's ':' and zone '%', and non-ASCII
// letters (IDNA); an '=' or another byte no host name holds says the text
// was no URL (an item typed where the URL goes).
func plausibleHost(h string) bool {
	for i := 0; i < len(h); i++ {
		switch c := h[i]; {
		case c >= 0x80, 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '-', c == '.', c == '_', c == ':', c == '%':
		default:
			return false
		}
	}
	return true
}

// portLike reports whether s, what follows a host's ':', starts with a
// port: digits up to the path, query or fragment, or the end.
func portLike(s string) bool {
	n := 0
	for n < len(s) && '0' <= s[n] && s[n] <= '9' {
		n++
	}
	return n > 0 && (n == len(s) || strings.IndexByte("/?#", s[n]) >= 0)
}
