package client

import (
	"net/url"
	"strings"
)

// specialSlashes rewrites an http(s) URL whose scheme is not followed by
// "//" as fetch's URL parser reads it, where url.Parse finds no host in it
// ("http:/x") and the call failed with ErrInvalidURL. For those schemes the
// parser takes any run of '/' and '\' after the scheme for the "//" of an
// authority (http:\\h/x, http:///h/x, https:/h/x under an http base: host
// h), but under a base URL of the same scheme, as Taro's page has, it reads
// one slash or none as a reference relative to the base (http:/x is the
// base's origin's /x, http:x goes under the base's path). Another URL is
// returned as it is.
func (c *Client) specialSlashes(raw string) string { return specialSlashesAgainst(raw, c.base) }

// specialSlashesAgainst is specialSlashes under base (nil: none), the
// client's for an Option URL, the URL that answered for a redirect's
// Location, which fetch parses against it: http:/x there is that origin's
// /x, where url.Parse found no host and the redirect failed.
func specialSlashesAgainst(raw string, base *url.URL) string {
	scheme, rest, ok := strings.Cut(raw, ":")
	if !ok || !(strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https")) ||
		strings.HasPrefix(rest, "//") && !strings.HasPrefix(rest, "///") && !strings.HasPrefix(rest, "//\\") {
		return raw
	}
	slashes := len(rest) - len(strings.TrimLeft(rest, "/\\"))
	sameScheme := base != nil && strings.EqualFold(base.Scheme, scheme)
	switch {
	case sameScheme && slashes == 0 && (rest == "" || rest[0] == '?' || rest[0] == '#'):
		return rest // the base's path, another query or fragment
	case sameScheme && slashes == 0:
		// A path under the base's, whatever it holds: "./" keeps
		// url.Parse from reading a scheme or a host in it (http:https://h/x
		// is the base's origin's .../https://h/x, as fetch reads it).
		return "./" + rest
	case sameScheme && slashes == 1:
		return "/" + rest[1:] // a path from the base's origin
	}
	return strings.ToLower(scheme) + "://" + rest[slashes:]
}

// backslashesAsSlashes rewrites raw as fetch's URL parser reads an http(s)
// URL, or a reference against one (the client's base is one): a '\' before
// the query or fragment is a '/' (WHATWG URL, for the special schemes'
// slashes, authority and path), where RFC 3986 has no backslash and
// url.Parse kept one in a path as %5C (/a\b went as /a%5Cb, fetch's /a/b)
// and refused one in an authority (http://h\x). A URL of another scheme is
// returned as it is, and so is one with an '@' after a backslash before
// its query: fetch would end the authority at the backslash and take the
// text of a userinfo, a password maybe, for a host or a path
// (http://s3cr\et@h/ asks host s3cr for /et@h/); url.Parse refuses it.
func backslashesAsSlashes(raw string) string {
	end := strings.IndexAny(raw, "?#")
	if end < 0 {
		end = len(raw)
	}
	first := strings.IndexByte(raw[:end], '\\')
	if first < 0 || strings.Contains(raw[first:end], "@") {
		return raw
	}
	if scheme, _, ok := strings.Cut(raw[:end], ":"); ok && isScheme(scheme) &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") {
		return raw
	}
	return strings.ReplaceAll(raw[:end], "\\", "/") + raw[end:]
}

// isScheme reports whether s is a URL scheme: a letter, then letters,
// digits, '+', '-' or '.'.
func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := 'a' <= c|0x20 && c|0x20 <= 'z'
		if !letter && (i == 0 || !('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return s != ""
}
