package client

import "strings"

// escapedDotSegments rewrites the path segments of raw that fetch's URL
// parser takes for dot segments though they are escaped ("%2e" is ".";
// ".%2e", "%2e." and "%2e%2e" are "..", in any case) into their dots, so
// that resolving removes them as fetch does: http://h/a/%2e%2e/x asks for
// /x, and %2e%2e/x under the base path /v1/ for /x. RFC 3986 and url.Parse
// keep them as segments of their own (/a/%2e%2e/x went as it was written).
// Only the path is read: a query's or a fragment's text, and a segment
// with more in it (b%2e%2e, %2e%2e%2fx), stay. raw is an Option URL, a
// base or a Location: an absolute http(s) URL, a reference starting with
// "//", or a path; another raw is returned as it is, and so is one
// without "%2e".
func escapedDotSegments(raw string) string {
	end := len(raw)
	if i := strings.IndexAny(raw, "?#"); i >= 0 {
		end = i
	}
	if !hasEscapedDot(raw[:end]) {
		return raw
	}
	start := authorityStart(raw)
	if start == 0 && strings.Contains(raw[:end], ":") && !strings.Contains(raw[:strings.IndexByte(raw[:end], ':')], "/") {
		return raw // another scheme's URL (or a path url.Parse refuses): not read here
	}
	if start > 0 {
		slash := strings.IndexByte(raw[start:end], '/')
		if slash < 0 {
			return raw // no path
		}
		start += slash
	}
	segs := strings.Split(raw[start:end], "/")
	changed := false
	for i, s := range segs {
		switch strings.ToLower(s) {
		case "%2e":
			segs[i], changed = ".", true
		case ".%2e", "%2e.", "%2e%2e":
			segs[i], changed = "..", true
		}
	}
	if !changed {
		return raw
	}
	return raw[:start] + strings.Join(segs, "/") + raw[end:]
}

// hasEscapedDot reports whether s holds "%2e" in any case, without the
// copy strings.ToLower makes of a URL with a capital letter.
func hasEscapedDot(s string) bool {
	for {
		i := strings.IndexByte(s, '%')
		if i < 0 || i+2 >= len(s) {
			return false
		}
		if s[i+1] == '2' && (s[i+2] == 'e' || s[i+2] == 'E') {
			return true
		}
		s = s[i+1:]
	}
}
