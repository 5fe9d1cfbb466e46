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
	if !strings.Contains(strings.ToLower(raw[:end]), "%2e") {
		return raw
	}
	start := 0
	switch {
	case strings.HasPrefix(raw, "//"):
		start = 2
	case len(raw) > 7 && strings.EqualFold(raw[:7], "http://"):
		start = 7
	case len(raw) > 8 && strings.EqualFold(raw[:8], "https://"):
		start = 8
	case strings.Contains(raw[:end], ":") && !strings.Contains(raw[:strings.IndexByte(raw[:end], ':')], "/"):
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
