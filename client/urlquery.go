package client

import "strings"

// escapeQuery percent-encodes the bytes of a query that a browser's URL
// parser encodes in an http(s) URL's query (WHATWG URL, the special-query
// percent-encode set): space, the double and the single quote, '<', '>',
// DEL and every byte of a non-ASCII character (url.Parse refuses control
// bytes already; a '#' in string data starts the fragment, as in Taro's
// URL, before this runs). Taro's fetch sends "?q=a b" as "?q=a%20b"; sent
// raw, the space breaks the request line and a server answers 400. Escapes
// already there are kept, as the browser keeps them. It returns q itself
// when nothing needs it.
func escapeQuery(q string) string {
	i := 0
	for i < len(q) && !escapedInQuery(q[i]) {
		i++
	}
	if i == len(q) {
		return q
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(q)+16)
	b = append(b, q[:i]...)
	for ; i < len(q); i++ {
		if c := q[i]; escapedInQuery(c) {
			b = append(b, '%', hex[c>>4], hex[c&15])
		} else {
			b = append(b, c)
		}
	}
	return string(b)
}

func escapedInQuery(c byte) bool {
	switch {
	case c <= ' ', c >= 0x7f:
		return true
	}
	switch c {
	case '"', '\'', '<', '>':
		return true
	}
	return false
}

// joinQuery joins two queries with '&', either maybe empty; b may start
// with its '&'. a is kept as it is (string data is sent as given).
func joinQuery(a, b string) string {
	b = strings.TrimPrefix(b, "&")
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "&" + b
}

// queryInPlace reports whether query can be appended to a parsed URL's
// RawQuery with the same result as url.Parse(encoders.AppendQuery(u.String(),
// query)): it does not start with '?' or '&' (which AppendQuery drops), and
// holds no '#' (which would start a fragment) and no control byte (which
// url.Parse refuses).
func queryInPlace(query string) bool {
	if query == "" {
		return true
	}
	if query[0] == '?' || query[0] == '&' {
		return false
	}
	for i := 0; i < len(query); i++ {
		if c := query[i]; c == '#' || escapedInQuery(c) {
			return false // buildQuery cuts the fragment, escapes the rest
		}
	}
	return true
}
