package client

import "strings"

// specialSlashes rewrites an http(s) URL whose scheme is not followed by
// "//" as fetch's URL parser reads it, where url.Parse finds no host in it
// ("http:/x") and the call failed with ErrInvalidURL. For those schemes the
// parser takes any run of '/' and '\' after the scheme for the "//" of an
// authority (http:\\h/x, http:///h/x, https:/h/x under an http base: host
// h), but under a base URL of the same scheme, as Taro's page has, it reads
// one slash or none as a reference relative to the base (http:/x is the
// base's origin's /x, http:x goes under the base's path). Another URL is
// returned as it is.
func (c *Client) specialSlashes(raw string) string {
	scheme, rest, ok := strings.Cut(raw, ":")
	if !ok || !(strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https")) ||
		strings.HasPrefix(rest, "//") && !strings.HasPrefix(rest, "///") && !strings.HasPrefix(rest, "//\\") {
		return raw
	}
	slashes := len(rest) - len(strings.TrimLeft(rest, "/\\"))
	sameScheme := c.base != nil && strings.EqualFold(c.base.Scheme, scheme)
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
