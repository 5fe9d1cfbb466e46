package client

import (
	"net/url"
	"strings"

	"github.com/taroreq/taroreq/encoders"
)

// A JSONP URL, or its query data, may name its callback itself, as
// jsonp-retry (Taro's JSONP) allows: callback=fixedCb is used as it is,
// and callback=? is filled with the generated name. Only the first
// callback parameter counts, as the server reads only that one.

// callbackParam finds the first callback parameter of query (raw,
// '&'-separated) with a value: its decoded value and where its raw value
// lies. An empty value counts as none: jsonp-retry then adds its own.
func callbackParam(query string) (value string, from, to int, ok bool) {
	for i := 0; i <= len(query); {
		end := strings.IndexByte(query[i:], '&')
		if end < 0 {
			end = len(query)
		} else {
			end += i
		}
		name, raw, _ := strings.Cut(query[i:end], "=")
		if isCallbackParam(name) {
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

// fillCallback returns query with a first callback=? given name, and the
// callback value it then holds ("" for none).
func fillCallback(query, name string) (string, string) {
	v, from, to, ok := callbackParam(query)
	if !ok {
		return query, ""
	}
	if v == "?" {
		return query[:from] + encoders.EncodeURIComponent(name) + query[to:], name
	}
	return query, v
}

// withoutCallback returns a backup URL's text without its callback
// parameters: the call's callback is appended to it (Settings.BackupQuery),
// and one the URL carried (callback=? or another name) would come first,
// the one the server answers.
func withoutCallback(raw string) string {
	base, query, ok := strings.Cut(raw, "?")
	if !ok {
		return raw
	}
	query, frag, hasFrag := strings.Cut(query, "#")
	out := base
	if q := dropCallback(query); q != "" {
		out += "?" + q
	}
	if hasFrag {
		out += "#" + frag
	}
	return out
}

// dropCallback returns query (raw, '&'-separated) without its callback
// parameters.
func dropCallback(query string) string {
	var kept []string
	for _, p := range strings.Split(query, "&") {
		if name, _, _ := strings.Cut(p, "="); !isCallbackParam(name) {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "&")
}

// isCallbackParam reports whether a raw query parameter name is callback
// as a server reads it: decoded, so call%62ack counts too.
func isCallbackParam(name string) bool {
	if name == encoders.JSONPParam {
		return true
	}
	if strings.IndexByte(name, '%') < 0 {
		return false
	}
	n, err := url.QueryUnescape(name)
	return err == nil && n == encoders.JSONPParam
}
