package client

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
