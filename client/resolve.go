package client

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/taroreq/taroreq/internal/credential"
)

// parseAbsolute parses an absolute http(s) URL.
func parseAbsolute(raw string) (*url.URL, error) {
	decoded, err := decodeHostText(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %q: %w", ErrInvalidURL, credential.String(raw), err)
	}
	u, err := url.Parse(escapedDotSegments(decoded))
	if err != nil {
		return nil, fmt.Errorf("%w: %s%s", ErrInvalidURL, credential.Error(err), parseHint(raw))
	}
	return checkWritten(u, raw)
}

// checkWritten is checkAbsolute for a URL the caller wrote (a base URL, an
// Option URL, a backup), whose error says when the scheme seems missing; a
// redirect's Location, which the caller did not write, gets no such hint.
func checkWritten(u *url.URL, raw string) (*url.URL, error) {
	u, err := checkAbsolute(u, raw)
	if err != nil {
		return nil, fmt.Errorf("%w%s", err, schemeHint(raw))
	}
	return u, nil
}

// schemeHint is what an error about raw adds when raw has no "//" at all:
// the host and port without their scheme ("127.0.0.1:8080",
// "localhost:8080/x"), which url.Parse reads as a path or as a scheme of
// its own and refuses in words that do not say so.
func schemeHint(raw string) string {
	if strings.Contains(raw, "//") {
		return ""
	}
	return " (an absolute URL starts with http:// or https://)"
}

// parseHint is schemeHint for raw that url.Parse refused: only when raw
// starts as a host:port does ("127.0.0.1:8080/x": "first path segment in
// URL cannot contain colon"). A path that fails for another reason (an
// invalid escape, "/x/%zz") needs no scheme, and the hint would send the
// reader after one.
func parseHint(raw string) string {
	first, _, _ := strings.Cut(raw, "/")
	if first, _, _ = strings.Cut(first, "?"); !strings.Contains(first, ":") {
		return ""
	}
	return schemeHint(raw)
}

// checkAbsolute accepts u only as an http(s) URL with a host.
func checkAbsolute(u *url.URL, raw string) (*url.URL, error) {
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%w: %q: scheme must be http or https", ErrInvalidURL, credential.String(raw))
	}
	// A port without a host name (http://:80/x) has a Host, but net/http
	// dials the local machine with it: no origin the caller named.
	if u.Hostname() == "" {
		return nil, fmt.Errorf("%w: %q: no host", ErrInvalidURL, credential.String(raw))
	}
	if p := u.Port(); p != "" {
		// url.Parse checks the digits, not the range (WHATWG's parser
		// fails past 65535): refused here, before any I/O, rather than
		// retried as a dial error.
		if n, err := strconv.ParseUint(p, 10, 16); err != nil || n > 65535 {
			return nil, fmt.Errorf("%w: %q: port out of range", ErrInvalidURL, credential.String(raw))
		}
	}
	u.RawQuery = escapeQuery(u.RawQuery) // as a browser sends it
	host, err := canonicalHost(u.Scheme, u.Host)
	if err != nil {
		return nil, fmt.Errorf("%w: %q: %w", ErrInvalidURL, credential.String(raw), err)
	}
	u.Host = host
	return u, nil
}

// canonicalHost is host (a URL's, with its port) as fetch's URL parser
// writes it, and so sends it in Host and compares origins: a domain mapped
// to ASCII by UTS #46 (domainToASCII: EXAMPLE。com is example.com,
// bücher.example xn--bcher-kva.example), the port without leading zeros, and no port when it is
// the scheme's default or empty (http://API.test:080/ is api.test:80, the
// origin http://api.test), an address as numericHost has it. Already so,
// host is returned as it is.
func canonicalHost(scheme, host string) (string, error) {
	name, port := host, ""
	if i := strings.LastIndexByte(host, ':'); i > strings.LastIndexByte(host, ']') {
		name, port = host[:i], host[i+1:]
	}
	trimmed := strings.TrimLeft(port, "0")
	if trimmed == "" && port != "" {
		trimmed = "0"
	}
	if (scheme == "http" && trimmed == "80") || (scheme == "https" && trimmed == "443") {
		trimmed = ""
	}
	lower := true
	if strings.HasPrefix(name, "[") {
		// An IPv6 zone (%25en0) names an interface, whose case counts.
		letters := len(name)
		if j := strings.IndexByte(name, '%'); j >= 0 {
			letters = j
		}
		for i := 0; i < letters; i++ {
			if 'A' <= name[i] && name[i] <= 'Z' {
				lower = false
				name = asciiLower(name[:letters]) + name[letters:]
				break
			}
		}
	} else {
		// A domain is mapped as fetch maps it (UTS #46): the one ASCII
		// spelling of its host that every check and key reads.
		domain, err := domainToASCII(name)
		if err != nil {
			return "", err
		}
		lower, name = domain == name, domain
	}
	numeric, err := numericHost(name)
	if err != nil {
		return "", err
	}
	if lower && numeric == name && trimmed == port && (port != "" || len(name) == len(host)) {
		return host, nil
	}
	if trimmed == "" {
		return numeric, nil
	}
	return numeric + ":" + trimmed, nil
}

// asciiLower lowers ASCII letters alone (an IPv6 literal's hex digits; a
// zone after them keeps its case).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// resolveText is resolve with the URL's text, both remembered by the
// client's URL cache; the *url.URL is the caller's to change: dst, filled
// in, when the cache has raw (a copy without an allocation of its own), or
// a new one.
func (c *Client) resolveText(raw string, dst *url.URL) (*url.URL, string, error) {
	if text, ok := c.urls.get(raw, dst); ok {
		return dst, text, nil
	}
	u, err := c.resolve(raw)
	if err != nil {
		return nil, "", err
	}
	return u, c.urls.put(raw, u), nil
}

// resolveShared is resolveText for a URL that is only read (a backup's, to
// check its origin): on a hit it is the cache's own, not a copy.
func (c *Client) resolveShared(raw string) (*url.URL, string, error) {
	if u, text, ok := c.urls.peek(raw); ok {
		return u, text, nil
	}
	return c.resolveText(raw, new(url.URL))
}

// resolve turns an Option URL into an absolute one.
func (c *Client) resolve(raw string) (*url.URL, error) {
	if raw = CleanURL(raw); raw == "" {
		return nil, fmt.Errorf("%w: empty", ErrInvalidURL)
	}
	// fetch's URL parser percent-encodes a C0 control or DEL left inside a
	// path, query, fragment or userinfo ("/json?a=x\x01y" goes as
	// /json?a=x%01y), where url.Parse refuses the whole URL; in a host or a
	// port the escape is still refused (url.Parse takes no %XX below 0x80
	// there), as fetch refuses the byte.
	raw = credential.FragmentPercents(credential.EscapeControls(raw))
	written := raw
	raw = c.specialSlashes(backslashesAsSlashes(raw))
	if c.baseErr != nil {
		return nil, c.baseErr
	}
	// A host's percent-escapes are decoded and the host mapped as fetch's
	// parser does (http://ex%61mple.com/ is example.com), where url.Parse
	// refuses an escape below 0x80 there.
	decoded, err := decodeHostText(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %q: %w", ErrInvalidURL, credential.String(written), err)
	}
	if decoded != raw {
		raw, written = decoded, decoded // no userinfo changed: redacted alike
	}
	raw = escapedDotSegments(raw) // "%2e%2e" is ".." to fetch's parser
	u, err := url.Parse(raw)
	if err != nil {
		// The error names the URL as the caller wrote it, redacted as
		// such: "http:u:p@h/%zz" is redacted, its rewriting "./u:p@h/%zz"
		// not (a path, for fetch as for url.Parse).
		if ue := (*url.Error)(nil); raw != written && errors.As(err, &ue) {
			ue.URL = written
		}
		return nil, fmt.Errorf("%w: %s%s", ErrInvalidURL, credential.Error(err), parseHint(raw))
	}
	if u.IsAbs() {
		if hasDotSegment(u.Path) {
			// fetch's parser removes the path's '.' and '..' segments
			// of an absolute URL too (RFC 3986 §5.2.2 for a reference
			// with a scheme): http://h/a/../x asks for /x, as a
			// relative URL's resolution below has it.
			u = new(url.URL).ResolveReference(u)
		}
		return checkWritten(u, raw)
	}
	if c.base == nil {
		return nil, fmt.Errorf("%w: %q is relative and the client has no base URL", ErrInvalidURL, credential.String(raw))
	}
	// Resolved, then parsed again from its text, so the URL is in the
	// same normal form as one given whole.
	return parseAbsolute(c.baseFor(u).ResolveReference(u).String())
}

// CleanURL returns raw as the client reads an Option URL, a base URL or a
// backup, taking the first steps of the URL parser of fetch (and so of
// Taro) that Go's url.Parse does not: leading and trailing C0 controls and
// spaces are trimmed, and ASCII tabs and newlines removed wherever they are
// (" /users\n" is /users, not /%20/users%0A or an error). The rest is
// resolve's steps: a backslash before the query is a slash
// (backslashesAsSlashes), "%2e%2e" a dot segment (escapedDotSegments), as
// fetch reads them.
func CleanURL(raw string) string {
	raw = strings.TrimFunc(raw, func(r rune) bool { return r <= ' ' })
	if strings.ContainsAny(raw, "\t\n\r") {
		raw = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, raw)
	}
	return raw
}

// baseFor is the base URL that ref resolves against. A relative path
// ("users") goes under the base's path, as a directory whether or not it
// ends in '/': with base https://api.test/v1 it is /v1/users, where RFC 3986
// alone would drop v1, the usual surprise. An absolute path ("/users")
// starts at the origin, and a query or fragment alone keeps the base's path,
// as RFC 3986 has them.
func (c *Client) baseFor(ref *url.URL) *url.URL {
	if ref.Path == "" || strings.HasPrefix(ref.Path, "/") || strings.HasSuffix(c.base.Path, "/") {
		return c.base
	}
	dir := *c.base
	dir.Path += "/"
	if dir.RawPath != "" {
		dir.RawPath += "/"
	}
	return &dir
}

// hasDotSegment reports whether path has a "." or ".." segment (after a
// '/': a path of an absolute URL starts with one), which resolving removes;
// "/data.json" has none, and costs no resolution.
func hasDotSegment(path string) bool {
	for i := strings.Index(path, "/."); i >= 0; {
		rest := path[i+2:]
		if rest == "" || rest[0] == '/' || rest[0] == '.' && (len(rest) == 1 || rest[1] == '/') {
			return true
		}
		j := strings.Index(rest, "/.")
		if j < 0 {
			return false
		}
		i, path = j, rest
	}
	return false
}
