package credential

import "strings"

// schemeSlashes returns raw, an http(s) URL in text form whose scheme is
// not followed by "//" exactly and whose userinfo holds a '?' or '#', with
// "//" there and the backslashes before its '@' as slashes, as fetch's URL
// parser (and the client's) reads it:
// "http:/u:pw#x@h/" and "http:\\u:pw#x@h/" have the userinfo u:pw#x, which
// url.Parse, cutting at '#', would name as a path ("http:/u:pw"). Under a
// base of that scheme one slash or none is a path: redacting it as
// userinfo withholds more, never less.
func schemeSlashes(raw string) string {
	scheme, rest, ok := strings.Cut(raw, ":")
	if !ok || !(strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https")) {
		return raw
	}
	n := 0
	for n < len(rest) && isSlash(rest[n]) {
		n++
	}
	if n == 2 && rest[:2] == "//" {
		return raw
	}
	at := strings.LastIndexByte(rest, '@')
	if at < 0 || !strings.ContainsAny(rest[:at], "?#") {
		return raw // url.Parse finds the userinfo where it is; the text stays as written
	}
	// A '?' or '#' before the last '@' is the password's: the authority
	// runs to the '@' (url.Parse then refuses it, and String withholds it).
	return scheme + "://" + strings.ReplaceAll(rest[n:at], "\\", "/") + rest[at:]
}
