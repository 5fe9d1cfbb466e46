package client

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware/store"
)

// escapeQuery percent-encodes the bytes of a query that a browser's URL
// parser encodes in an http(s) URL's query (WHATWG URL, the special-query
// percent-encode set): space, the double and the single quote, '<', '>',
// DEL and every byte of a non-ASCII character (resolve encoded the
// URL's control bytes before url.Parse, which refuses them; a '#' in string
// data starts the fragment, as in Taro's URL, before this runs). Taro's fetch sends "?q=a b" as "?q=a%20b"; sent
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
		if notInPlace[query[i]] {
			return false // buildQuery cuts the fragment, escapes the rest
		}
	}
	return true
}

// notInPlace[c] says whether a query holding c is not appended in place:
// '#' or escapedInQuery(c). A table, read only: every query data's text
// is scanned (the struct encoder's included, which keeps the quote).
var notInPlace = func() (t [256]bool) {
	for c := range t {
		t[c] = c == '#' || escapedInQuery(byte(c))
	}
	return t
}()

// queryInURL adds the query data to u, whose text is text, as buildQuery
// would but without formatting the URL and parsing it again: the URL's new
// text is made in one allocation, the query a part of it. It reports false,
// b.query set, when buildQuery must do it (a URL with a fragment, data that
// does not append as it is).
func (c *Client) queryInURL(opt *Option, b *built, m string, u *url.URL, text string, h http.Header) (bool, error) {
	var buf [512]byte
	dst, ok := queryPrefix(buf[:0], u, text)
	if !ok {
		var err error
		b.query, err = encoders.Query(opt.Data)
		return false, err
	}
	n := len(dst)
	dst, err := encoders.AppendQueryData(dst, opt.Data)
	if err != nil {
		return false, err
	}
	var part string
	if opt.UseStore {
		part = c.buildPartition(opt, u, h) // of u without the data's query, whose text dst holds
	}
	var full string
	var known *keyEntry // the key memo's entry for this URL, if it has one
	if len(dst) > n {
		if opt.UseStore {
			// A request made again: its URL's text is the memo's, no copy.
			if known = c.keys.find(m, dst, part); known != nil {
				full = known.url
			}
		}
		if full == "" {
			full = string(dst)
		}
		if b.query = full[n:]; !queryInPlace(b.query) {
			return false, nil // buildQuery makes the URL, and its text
		}
	}
	b.url = text
	if opt.UseStore {
		b.partition = part
	}
	if full != "" {
		// The query is what follows the URL's first '?' (String escapes
		// any other before it).
		u.RawQuery, u.ForceQuery = full[strings.IndexByte(full, '?')+1:], false
		b.url = full
	}
	switch {
	case known != nil:
		b.storeKey, b.redactedURL = known.key, known.redacted
	case opt.UseStore:
		b.storeKey, b.redactedURL = c.keys.key(m, u, b.url, part)
	}
	return true, nil
}

// buildQuery appends the query data, and JSONP's, to *u by formatting the
// URL and parsing it again; the store key has the data's query, not
// JSONP's.
func (c *Client) buildQuery(opt *Option, b *built, m string, u **url.URL, h http.Header) error {
	var err error
	b.query = escapeQuery(b.query) // string data as a browser sends it, to the backups too
	if opt.UseStore {
		b.partition = c.buildPartition(opt, *u, h)
		b.storeKey = store.Key(m, encoders.AppendQuery((*u).String(), b.query), nil, b.partition)
	}
	added := b.query // what the URL gets: the data's query, then JSONP's
	if opt.JSONP || opt.JSONPCallback != "" {
		added = c.jsonpQuery(opt, b, *u)
	}
	if added != "" {
		// String data's '#' starts a fragment, whose lone '%' fetch keeps
		// ("a=1#50%": credential.FragmentPercents).
		if *u, err = url.Parse(credential.FragmentPercents(encoders.AppendQuery((*u).String(), added))); err != nil {
			return fmt.Errorf("%w: with query data: %s", ErrInvalidURL, credential.Error(err))
		}
	}
	return nil
}
