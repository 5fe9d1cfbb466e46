package encoders

import (
	"net/url"
	"strings"
)

// A JSONP URL, or its query data, may name its callback itself, as
// jsonp-retry (Taro's JSONP) allows: callback=fixedCb is used as it is,
// and callback=? is filled with the generated name. Only the first
// callback parameter counts, as the server reads only that one.

// JSONPParamIn finds the first callback parameter of query (raw,
// '&'-separated) with a value: its decoded value and where its raw value
// lies. An empty value counts as none: jsonp-retry then adds its own.
func JSONPParamIn(query string) (value string, from, to int, ok bool) {
	for i := 0; i <= len(query); {
		end := strings.IndexByte(query[i:], '&')
		if end < 0 {
			end = len(query)
		} else {
			end += i
		}
		name, raw, _ := strings.Cut(query[i:end], "=")
		if isJSONPParam(name) {
			if raw == "" {
				return "", 0, 0, false
			}
			v, err := url.QueryUnescape(raw)
			if err != nil {
				v = raw // as written: the server may read it so too
			}
			from = i + len(name) + 1
			return v, from, end, true
		}
		i = end + 1
	}
	return "", 0, 0, false
}

// JSONPNamedIn reports whether a URL's query (raw text, before any
// fragment) names a callback: a first callback parameter that is neither ?
// nor empty. jsonp-retry calls that name and adds no callback of its own,
// so a JSONP backup URL that names one is sent without the call's (a static
// script with a fixed name answers it).
func JSONPNamedIn(raw string) bool {
	raw, _, _ = strings.Cut(raw, "#") // a '?' in the fragment starts no query
	_, query, ok := strings.Cut(raw, "?")
	if !ok {
		return false
	}
	v, _, _, named := JSONPParamIn(query)
	return named && v != "?"
}

// DropJSONPParam returns query (raw, '&'-separated) without its callback
// parameters.
func DropJSONPParam(query string) string {
	var kept []string
	for _, p := range strings.Split(query, "&") {
		if name, _, _ := strings.Cut(p, "="); !isJSONPParam(name) {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "&")
}

// isJSONPParam reports whether a raw query parameter name is callback as a
// server reads it: decoded, so call%62ack counts too.
func isJSONPParam(name string) bool {
	if name == JSONPParam {
		return true
	}
	if strings.IndexByte(name, '%') < 0 {
		return false
	}
	n, err := url.QueryUnescape(name)
	return err == nil && n == JSONPParam
}
