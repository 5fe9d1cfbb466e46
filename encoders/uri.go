package encoders

import "strings"

const upperHex = "0123456789ABCDEF"

// keepURIByte reports whether encodeURIComponent leaves c as it is:
// A-Z a-z 0-9 - _ . ! ~ * ' ( ).
func keepURIByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '-', '_', '.', '!', '~', '*', '\'', '(', ')':
		return true
	}
	return false
}

// uriKept is keepURIByte as a table, read only: every query the encoders
// write goes through it byte by byte.
var uriKept = func() (t [256]bool) {
	for c := range t {
		t[c] = keepURIByte(byte(c))
	}
	return t
}()

// EncodeURIComponent escapes s exactly like JavaScript's encodeURIComponent:
// every byte of its UTF-8 encoding is written as %XX (upper-case hex) except
// A-Z a-z 0-9 - _ . ! ~ * ' ( ). A space is %20, '+' is %2B. Bytes that are not
// valid UTF-8 are escaped as they are (JavaScript would throw a URIError on
// lone surrogates; this function never fails).
//
// It is safe for concurrent use.
func EncodeURIComponent(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if !uriKept[s[i]] {
			n++
		}
	}
	if n == 0 {
		return s
	}
	return string(appendURIComponent(make([]byte, 0, len(s)+2*n), s))
}

// appendURIComponent appends EncodeURIComponent(s) to dst, each run of
// bytes kept as they are in one append.
func appendURIComponent(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		j := i
		for j < len(s) && uriKept[s[j]] {
			j++
		}
		dst = append(dst, s[i:j]...)
		if i = j; i < len(s) {
			c := s[i]
			dst = append(dst, '%', upperHex[c>>4], upperHex[c&15])
		}
	}
	return dst
}

// AppendQuery joins query onto rawURL with '?' or '&' as needed, never
// producing "?&":
//   - an empty query (or one made only of '?' and '&') returns rawURL unchanged;
//   - a rawURL ending in its only '?', or in '&', gets the query appended
//     directly;
//   - a rawURL that already has a '?' gets "&"+query;
//   - otherwise "?"+query.
//
// A leading '?' or '&' of query is dropped. A "#fragment" of rawURL stays at
// the end: the query goes before the '#'. rawURL is not parsed or validated.
//
// It is safe for concurrent use.
func AppendQuery(rawURL, query string) string {
	query = strings.TrimLeft(query, "?&")
	if query == "" {
		return rawURL
	}
	base, frag, hasFrag := strings.Cut(rawURL, "#")
	var b strings.Builder
	b.Grow(len(rawURL) + len(query) + 1)
	b.WriteString(base)
	switch {
	case strings.IndexByte(base, '?') == len(base)-1 || strings.HasSuffix(base, "&"):
		// An empty query, or one ending in its separator. A '?' ending a
		// query ("?q=?") is a value's: the data goes after an '&'.
	case strings.Contains(base, "?"):
		b.WriteByte('&')
	default:
		b.WriteByte('?')
	}
	b.WriteString(query)
	if hasFrag {
		b.WriteByte('#')
		b.WriteString(frag)
	}
	return b.String()
}
