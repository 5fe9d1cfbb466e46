package credential

import (
	"net/http"
	"net/url"
	"strings"
)

// URLHeaders hold URLs, which may carry a credential in their query, user
// info or fragment (an OAuth redirect's Location with access_token or code,
// a pre-signed Content-Location, a Link to the next page with a token):
// Headers.Header and Headers.Redact redact the URLs in them, as URL does,
// and keep the rest of the value.
var URLHeaders = []string{"Location", "Content-Location", "Referer", "Link", "Refresh"}

// urlHeaderKind says how the URLs of a URLHeaders header are found.
var urlHeaderKind = map[string]byte{
	"Location": 'u', "Content-Location": 'u', "Referer": 'u', // the value is a URL
	"Link":    'l', // <URL>; rel=next, <URL>; rel=prev
	"Refresh": 'r', // 5; url=URL
}

// URLHeader returns value, the value of a header named name, with the URLs
// in it redacted by k (see Keys.URL) when name is one of URLHeaders; value
// as it is otherwise, or when nothing in it is secret.
func (k Keys) URLHeader(name, value string) string {
	switch urlHeaderKind[http.CanonicalHeaderKey(name)] {
	case 'u':
		return k.urlText(value)
	case 'l':
		return k.link(value)
	case 'r':
		return k.refresh(value)
	}
	return value
}

// urlText is String(raw), but raw itself, byte for byte, when nothing in it
// is secret: no userinfo, no fragment, no secret query parameter.
func (k Keys) urlText(raw string) string {
	trimmed := strings.TrimSpace(raw)
	if trimmed == "" {
		return raw
	}
	u, err := url.Parse(trimmed)
	if err != nil {
		return Bare(trimmed)
	}
	if u.User == nil && u.Fragment == "" && !strings.Contains(trimmed, "#") && !k.queryHasSecret(u.RawQuery) {
		return raw
	}
	return k.URL(u)
}

// link redacts each <URL> of a Link header value (RFC 8288), and the URL
// of each anchor parameter, which names a link's context.
func (k Keys) link(v string) string {
	var b strings.Builder
	rest := v
	for {
		open := strings.IndexByte(rest, '<')
		if open < 0 {
			break
		}
		end := strings.IndexByte(rest[open+1:], '>')
		if end < 0 {
			// An unterminated link: everything after '<' is its URL.
			k.writeAnchors(&b, rest[:open+1])
			b.WriteString(k.urlText(rest[open+1:]))
			rest = ""
			break
		}
		k.writeAnchors(&b, rest[:open+1])
		b.WriteString(k.urlText(rest[open+1 : open+1+end]))
		b.WriteByte('>')
		rest = rest[open+1+end+1:]
	}
	k.writeAnchors(&b, rest)
	if b.Len() == len(v) && b.String() == v {
		return v
	}
	return b.String()
}

// writeAnchors writes params, the text between two links of a Link value,
// with the URL of every anchor parameter (anchor="URL" or anchor=URL)
// redacted.
func (k Keys) writeAnchors(b *strings.Builder, params string) {
	for {
		i := indexFold(params, "anchor")
		if i < 0 {
			break
		}
		j := i + len("anchor")
		for j < len(params) && (params[j] == ' ' || params[j] == '\t') {
			j++
		}
		if j >= len(params) || params[j] != '=' {
			b.WriteString(params[:j])
			params = params[j:]
			continue
		}
		j++
		for j < len(params) && (params[j] == ' ' || params[j] == '\t') {
			j++
		}
		b.WriteString(params[:j])
		params = params[j:]
		var val string
		if params != "" && params[0] == '"' {
			b.WriteByte('"')
			params = params[1:]
			end := strings.IndexByte(params, '"')
			if end < 0 {
				end = len(params)
			}
			val, params = params[:end], params[end:]
		} else {
			end := strings.IndexAny(params, ";,")
			if end < 0 {
				end = len(params)
			}
			val, params = params[:end], params[end:]
		}
		b.WriteString(k.urlText(val))
	}
	b.WriteString(params)
}

// indexFold is strings.Index for an ASCII lower-case word, in any case.
func indexFold(s, word string) int {
	for i := 0; i+len(word) <= len(s); i++ {
		if hasPrefixFold(s[i:], word) {
			return i
		}
	}
	return -1
}

// refresh redacts the URL of a Refresh header value: a delay, then ";" or
// ",", then the URL, after "url=" or not, quoted or not.
func (k Keys) refresh(v string) string {
	i := strings.IndexAny(v, ";,")
	if i < 0 {
		return v // a delay alone
	}
	j := i + 1
	for j < len(v) && (v[j] == ' ' || v[j] == '\t') {
		j++
	}
	if hasPrefixFold(v[j:], "url") {
		e := j + 3
		for e < len(v) && (v[e] == ' ' || v[e] == '\t') {
			e++
		}
		if e < len(v) && v[e] == '=' {
			j = e + 1
			for j < len(v) && (v[j] == ' ' || v[j] == '\t') {
				j++
			}
		}
	}
	u := v[j:]
	end := ""
	if u != "" && (u[0] == '\'' || u[0] == '"') {
		q := u[0]
		j++
		u = u[1:]
		if c := strings.IndexByte(u, q); c >= 0 {
			u, end = u[:c], u[c:]
		}
	}
	red := k.urlText(u)
	if red == u {
		return v
	}
	return v[:j] + red + end
}
