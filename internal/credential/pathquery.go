package credential

import (
	"net/url"
	"strings"
)

// escapedQueryParams returns p, a path as sent or text quoting URLs, with
// the value of every secret parameter of a query escaped into it as
// url.PathEscape writes one replaced by Redacted: after an escaped '?'
// (once or more), the parameters are separated by '&' or ';', escaped or
// not, and their '=' is escaped or not ("/m%3Fpage=1&access_token=…",
// which a server that decodes the path reads as a query), where
// escapedParams wants both escaped. A name is read decoded
// (%61ccess_token). Such a query ends at a '#' (escaped or not), a quote, a blank or a
// bracket (the end of a URL quoted in text). p itself when there is none.
func (k Keys) escapedQueryParams(p string) string {
	if strings.IndexByte(p, '%') < 0 {
		return p
	}
	sp := splice{s: p}
	for i := 0; i < len(p); i++ {
		n := escapedLen(p[i:], '?')
		if n == 0 {
			continue
		}
		i = k.escapedQuery(&sp, p, i+n)
	}
	return sp.String()
}

// escapedQuery redacts, in p through sp, the secret parameters' values of
// the escaped query that starts at pos (see escapedQueryParams), and
// returns where it ends.
func (k Keys) escapedQuery(sp *splice, p string, pos int) int {
	const stops = "#\"' \t\r\n<>"
	for pos < len(p) {
		end := pos
		for end < len(p) && p[end] != '&' && p[end] != ';' && strings.IndexByte(stops, p[end]) < 0 &&
			!(p[end] == '%' && escapeLenOf(p[end:], "&;#") > 0) {
			end++
		}
		prm := p[pos:end]
		for j := 0; j < len(prm); j++ {
			eq := 0
			if prm[j] == '=' {
				eq = 1
			} else if prm[j] == '%' {
				eq = escapedLen(prm[j:], '=')
			}
			if eq == 0 {
				continue
			}
			if value := prm[j+eq:]; j > 0 && value != "" && value != Redacted && k.Secret(decodedName(prm[:j])) {
				sp.replace(pos+j+eq, end, Redacted)
			}
			break
		}
		switch {
		case end >= len(p) || strings.IndexByte(stops, p[end]) >= 0 || escapedLen(p[end:], '#') > 0:
			return end
		case p[end] == '%':
			pos = end + escapeLenOf(p[end:], "&;")
		default:
			pos = end + 1
		}
	}
	return pos
}

// decodedName is a parameter's name as a server reads it, its escapes
// decoded once or twice.
func decodedName(name string) string {
	for range 2 {
		d, err := url.PathUnescape(name)
		if err != nil || d == name {
			break
		}
		name = d
	}
	return strings.TrimSpace(name)
}
