package credential

import (
	"net/url"
	"strings"
)

// withoutUserinfo returns s, free text, without the userinfo of the URLs
// in it. A URL starts at its scheme ("scheme://", or "http:" and the like
// alone, which browsers read the same) or, at a word's start, at the two
// slashes of a scheme-relative one; it ends at white space, or, when it is
// quoted, at its closing quote (Go's %q escapes a quote inside): a password
// may hold a space. See cutUserinfo for what is cut. The first URLs of a
// word are judged by all of its text (a password may hold ",http://"); past
// fullReads of them, a URL is judged by its own text up to the next URL, so
// that a word of many URLs (a hostile Location) costs linear time.
func withoutUserinfo(s string) string {
	if strings.IndexByte(s, '@') < 0 {
		return s // the usual text
	}
	sp := splice{s: s}
	var w textSpans
	wordEnd, reads := -1, 0
	start, rest, relative := nextURL(s, 0)
	for start >= 0 {
		next, nextRest, nextRelative := nextURL(s, rest)
		end, lastAt := w.of(s, start)
		if end != wordEnd {
			wordEnd, reads = end, 0
		}
		if lastAt >= rest { // else no '@' after the scheme in this URL's text: nothing to cut
			text := s[start:end]
			if reads++; reads > fullReads && next >= 0 && next < end {
				text = s[start:next]
			}
			if from, to, ok := cutUserinfo(text, rest-start, relative); ok {
				sp.replace(start+from, start+to, "")
				if next >= 0 && next < sp.done {
					next, nextRest, nextRelative = nextURL(s, sp.done)
				}
			}
		}
		start, rest, relative = next, nextRest, nextRelative
	}
	return sp.String()
}

// fullReads is how many URLs of one word are judged by all of its text.
const fullReads = 8

// withoutURLErrorHosts redacts what net/url's errors quote of a URL whose
// authority it refused: the authority of `parse "URL": invalid port …`
// (and the other refusals refusedAuthority knows), and the port it quotes. A '#' in
// a password ends the authority for net/url, so such a URL has no '@' left
// and its "host" and "port" are the user and the password.
func withoutURLErrorHosts(s string) string {
	const open = `parse "`
	if !strings.Contains(s, open) {
		return s
	}
	sp := splice{s: s}
	for i := 0; ; {
		k := strings.Index(s[i:], open)
		if k < 0 {
			break
		}
		q := i + k + len(open)
		e := closingQuote(s, q)
		if e < 0 {
			break
		}
		msg := s[e+1:]
		if refusedAuthority(msg) {
			sp.replace(authorityStart(s[:e], q), e, "")
			if strings.HasPrefix(msg, `: invalid port "`) {
				p := e + 1 + len(`: invalid port "`)
				if pe := closingQuote(s, p); pe >= 0 {
					sp.replace(p, pe, Redacted)
				}
			}
		}
		i = e + 1
	}
	return sp.String()
}

// refusedAuthority reports whether msg, what follows a URL net/url quotes
// in its error, says it refused the URL's authority. (A relative reference
// whose first segment holds a colon is refused too, but that is the common
// "host:port" mistake: its text is kept.)
func refusedAuthority(msg string) bool {
	for _, m := range [...]string{`: invalid port "`, ": invalid IP-literal", ": net/url: invalid userinfo",
		": invalid userinfo", ": missing ']' in host"} {
		if strings.HasPrefix(msg, m) {
			return true
		}
	}
	return false
}

// closingQuote returns the index of the quote that closes a %q string whose
// text starts at i (escapes skipped), or -1.
func closingQuote(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case '\\':
			i += 2
		case '"':
			return i
		default:
			i++
		}
	}
	return -1
}

// authorityStart returns where the authority of the URL text s[i:] starts:
// after its scheme's ':' (if any) and the slashes.
func authorityStart(s string, i int) int {
	j := i
	for j < len(s) && isSchemeChar(lower(s[j])) {
		j++
	}
	if j > i && j < len(s) && s[j] == ':' && isLetter(s[i]) {
		i = j + 1
	}
	for i < len(s) && isSlash(s[i]) {
		i++
	}
	return i
}

// textSpans remembers where the text of the last URLs ended, and its last
// '@', so that the URLs of one word share one scan.
type textSpans struct {
	plainFrom, plainEnd, plainAt    int // the last unquoted text
	quotedFrom, quotedEnd, quotedAt int // the last quoted text
}

// of returns where the text of the URL at start ends, and the index of its
// last '@' (-1 if none).
func (w *textSpans) of(s string, start int) (end, lastAt int) {
	if w.quotedEnd > 0 && start > w.quotedFrom && start < w.quotedEnd {
		return w.quotedEnd, w.quotedAt // a URL nested in a quoted one ends with it
	}
	if start > 0 && s[start-1] == '"' {
		if w.quotedEnd == 0 || start <= w.quotedFrom || start >= w.quotedEnd {
			end = quotedEnd(s, start)
			w.quotedFrom, w.quotedEnd, w.quotedAt = start, end, lastIndexFrom(s[:end], start, '@')
		}
		return w.quotedEnd, w.quotedAt
	}
	if w.plainEnd == 0 || start < w.plainFrom || start >= w.plainEnd {
		end = start
		for end < len(s) && !strings.ContainsRune(" \t\r\n\"'<>`", rune(s[end])) {
			end++
		}
		w.plainFrom, w.plainEnd, w.plainAt = start, end, lastIndexFrom(s[:end], start, '@')
	}
	return w.plainEnd, w.plainAt
}

// lastIndexFrom is the index of the last c in s at or after from, or -1.
func lastIndexFrom(s string, from int, c byte) int {
	if i := strings.LastIndexByte(s[from:], c); i >= 0 {
		return from + i
	}
	return -1
}

// nextURL finds the next URL in s from i: where it starts, and where its
// userinfo would (after the scheme's ':' and any slashes), or -1; relative
// says it is scheme-relative ("//user:pass@host/…", as a Location may be,
// with either slash a backslash as browsers read it), at a word's start,
// its userinfo after the slashes.
func nextURL(s string, i int) (start, userinfo int, relative bool) {
	for ; i < len(s); i++ {
		if isSlash(s[i]) && isSlash(afterBreaks(s, i+1)) && (i == 0 || strings.IndexByte(" \t\r\n\"'<>(=,;", s[i-1]) >= 0) {
			// "\\\\" too: %q's two backslashes; and "/\t/", raw, which a
			// URL parser reads as "//".
			k := skipSlashes(s, i)
			if k < len(s) && strings.IndexByte(" \t\r\n", s[k]) < 0 { // "// a comment" is none
				return i, k, true
			}
			i = k - 1
			continue
		}
		if s[i] != ':' {
			continue
		}
		j := i
		for j > 0 && isSchemeChar(lower(s[j-1])) {
			j--
		}
		if j == i || !isLetter(s[j]) {
			continue
		}
		scheme := strings.ToLower(s[j:i])
		if !strings.HasPrefix(s[i:], "://") && !authorityScheme(scheme) {
			continue
		}
		return j, skipSlashes(s, i+1), false
	}
	return -1, 0, false
}

func isSlash(c byte) bool { return c == '/' || c == '\\' }

// afterBreaks returns the first byte of s from i on that is not a raw tab
// or newline (which a URL parser removes), or 0 at the end.
func afterBreaks(s string, i int) byte {
	for ; i < len(s); i++ {
		if c := s[i]; c != '\t' && c != '\n' && c != '\r' {
			return c
		}
	}
	return 0
}

// skipSlashes returns the index of the first byte from i on that is not a
// slash, a tab or a newline, raw or as %q escapes them (\t, \n, \r): a URL
// parser removes tabs and newlines wherever they are, so a Location
// "/\t/user:pass@host" that net/url refused, quoted in its error, reads as
// "//user:pass@host", as a browser would follow it.
func skipSlashes(s string, i int) int {
	for i < len(s) {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s) && strings.IndexByte("\\tnr", s[i+1]) >= 0:
			i += 2 // %q's escaped backslash, or its tab or newline
		case isSlash(c), c == '\t', c == '\n', c == '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// cutUserinfo returns the span of the userinfo and its '@' in raw, a URL
// whose userinfo would start at from. A URL that parses has the userinfo
// that its authority (up to the first '/', '?' or '#') holds; one that does
// not parse (a Location net/http refused) has everything up to its last
// '@', since a password may hold a raw '/' or '#'. A scheme-relative one is
// read so only when its first segment holds a ':' or an '@' (a
// "user:password"): "//nas/share/a@b%zz" is a path, not a URL.
func cutUserinfo(raw string, from int, relative bool) (start, end int, ok bool) {
	rest := raw[from:]
	first := rest
	if k := strings.IndexAny(first, "/?#\\"); k >= 0 {
		first = first[:k]
	}
	if relative && strings.IndexAny(first, ":@") < 0 {
		return 0, 0, false
	}
	var at int
	if u, err := url.Parse(raw); err == nil && (u.Host != "" || relative) {
		at = strings.LastIndexByte(first, '@')
	} else if err == nil {
		// No host where browsers read one ("http:u:p#x@h", "http:///u:p@h"):
		// the last '@' before the query ends the userinfo.
		q := rest
		if k := strings.IndexByte(q, '?'); k >= 0 {
			q = q[:k]
		}
		at = strings.LastIndexByte(q, '@')
	} else {
		at = strings.LastIndexByte(rest, '@')
	}
	if at < 0 {
		return 0, 0, false
	}
	return from, from + at + 1, true
}

// authorityScheme reports whether a scheme has an authority (browsers
// read "http:u:p@h" as "http://u:p@h").
func authorityScheme(scheme string) bool {
	switch scheme {
	case "http", "https", "ws", "wss", "ftp":
		return true
	}
	return false
}

func isLetter(c byte) bool { return 'a' <= lower(c) && lower(c) <= 'z' }

func isSchemeChar(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'
}
