package client

import (
	"cmp"
	"net/url"
	"strings"

	"github.com/taroreq/taroreq/encoders"
)

// A JSONP URL, or its query data, may name its callback itself, as
// jsonp-retry (Taro's JSONP) allows: callback=fixedCb is used as it is,
// and callback=? is filled with the generated name. Only the first
// callback parameter counts, as the server reads only that one (see
// encoders/jsonpparam.go).

// callbackParam finds the first callback parameter of query (raw,
// '&'-separated) with a value (encoders.JSONPParamIn).
func callbackParam(query string) (value string, from, to int, ok bool) {
	return encoders.JSONPParamIn(query)
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
// and one the URL carried (callback=?, or one with no value) would come
// first, the one the server answers. A backup whose first callback
// parameter names a callback is kept as it is (encoders.JSONPNamedIn):
// the backup layer sends it without the call's, as jsonp-retry does.
func withoutCallback(raw string) string {
	base, query, ok := strings.Cut(raw, "?")
	if !ok || encoders.JSONPNamedIn(raw) {
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
// parameters (encoders.DropJSONPParam).
func dropCallback(query string) string {
	return encoders.DropJSONPParam(query)
}

// jsonpQuery names the callback and returns the query to append to u: the
// data's, then callback=<name> unless u or the data carry one (see
// jsonpquery.go), then the cache-buster. b.query becomes what a backup
// gets, whose own callback build drops: the data's other fields, then the
// call's callback and cache-buster (the data as it is, then the
// cache-buster, when the data names the callback and the URL does not).
func (c *Client) jsonpQuery(opt *Option, b *built, u *url.URL) string {
	name := opt.JSONPCallback
	if name == "" {
		name = encoders.JSONPCallbackName(c.now())
	}
	// A '#' in string data starts the fragment, as in Taro's URL: what
	// follows is not sent. Cut here, so that the callback and the
	// cache-buster go in the query, not after it into the fragment
	// (jsonp-retry appends them there, and the script never calls back).
	if i := strings.IndexByte(b.query, '#'); i >= 0 {
		b.query = b.query[:i]
	}
	var inURL, inData string
	if u.RawQuery != "" {
		u.RawQuery, inURL = fillCallback(u.RawQuery, name) // the caller's URL is a copy
	}
	b.query, inData = fillCallback(b.query, name)
	b.decoder.jsonp = cmp.Or(inURL, inData, name)
	full := encoders.JSONPQuery(b.decoder.jsonp, opt.JSONPCache, c.now())
	jq := full
	if inURL != "" || inData != "" {
		jq = strings.TrimPrefix(full, encoders.JSONPParam+"="+encoders.EncodeURIComponent(b.decoder.jsonp))
	}
	added := joinQuery(b.query, jq)
	if inURL == "" && inData != "" {
		// The data names the callback: a backup gets the data as it is,
		// the callback in its place, as jsonp-retry sends it.
		b.query = added
	} else {
		b.query = joinQuery(dropCallback(b.query), full)
	}
	return added
}
