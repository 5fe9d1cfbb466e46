package store

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/taroreq/taroreq/middleware"
)

// A layer above the store (the client's outer layers) may change the URL a
// request goes to: a caller's token put in the query, a tenant's host.
// The entry is then that change's as well as the key's: the key gets a
// hash of what changed (urlChange), never of the whole URL, so the parts
// the client varies per call and leaves out of its key (a JSONP callback
// name, a cache-buster) stay out, and a redirect hop the layer changes the
// same way is filed where its first request looks.

// urlChangeSuffix is what planFor adds to a call's key for the URL a
// layer above changed: " at " and urlChange, "" for none. A redirect hop
// starts from the changes of the requests before it in the chain (a
// caller's token there keeps the hop the caller's, even when the layer
// changes nothing on the hop), and adds its own when the layer changed the
// hop otherwise.
func urlChangeSuffix(req *http.Request, call *middleware.Call) string {
	s := &call.Settings
	if req.Response == nil { // the call's first request
		if s.StoreURLText == "" || sentAs(req, s.StoreURLText) {
			return "" // what a new Call records
		}
		want, err := url.Parse(s.StoreURLText)
		if err != nil {
			want = new(url.URL) // cannot be: the client formatted it; all of req's URL is the change
		}
		if sameTarget(req, want) {
			return "" // the same URL, spelled otherwise
		}
		change := " at " + urlChange(req, want)
		call.SetStoreURLChange(change)
		return change
	}
	first := call.StoreURLChange()
	if hop := call.HopURL(); hop != nil && !sameTarget(req, hop) {
		if change := " at " + urlChange(req, hop); !strings.Contains(first, change) {
			// Carried on to the hops after this one: a caller's token on
			// any hop keeps the rest of the chain the caller's. (Planned
			// again for this hop, by the stale fallback, it is found.)
			first += change
			call.SetStoreURLChange(first)
		}
	}
	return first
}

// sentAs reports whether req goes to the URL whose text is want, with no
// other Host: what sameTarget says of want parsed, without parsing it in
// the usual case (nothing changed). A URL with an Opaque is left to
// sameTarget: its text is not where it goes (an Opaque of
// "//api.example/me" formats as http://api.example/me, and the request
// goes to URL.Host, a layer's tenant's host).
func sentAs(req *http.Request, want string) bool {
	return (req.Host == "" || req.Host == req.URL.Host) && req.URL.Opaque == "" && formatsAs(req.URL, want)
}

// formatsAs reports whether u.String() == text without formatting u when u
// is the usual absolute URL (scheme, a host of plain bytes, a path, a
// query); any other is formatted.
func formatsAs(u *url.URL, text string) bool {
	if u.Opaque != "" || u.User != nil || u.Fragment != "" || u.OmitHost || u.Scheme == "" || !plainHost(u.Host) {
		return u.String() == text
	}
	rest, ok := strings.CutPrefix(text, u.Scheme)
	if rest, ok = cutPrefix(rest, "://", ok); ok {
		rest, ok = cutPrefix(rest, u.Host, ok)
	}
	path := escapedPath(u)
	if path != "" && path[0] != '/' {
		rest, ok = cutPrefix(rest, "/", ok) // as String writes it
	}
	rest, ok = cutPrefix(rest, path, ok)
	if u.ForceQuery || u.RawQuery != "" {
		rest, ok = cutPrefix(rest, "?", ok)
		return ok && rest == u.RawQuery
	}
	return ok && rest == ""
}

// cutPrefix is strings.CutPrefix after a cut that succeeded (ok).
func cutPrefix(s, prefix string, ok bool) (string, bool) {
	if !ok {
		return s, false
	}
	return strings.CutPrefix(s, prefix)
}

// plainHost reports whether URL.String writes host as it is: not empty,
// and only bytes it never escapes there.
func plainHost(host string) bool {
	if host == "" {
		return false
	}
	for i := 0; i < len(host); i++ {
		if !plainInHost[host[i]] {
			return false
		}
	}
	return true
}

// escapedPath is u.EscapedPath(), without asking it when u.Path has only
// bytes a path keeps as they are (u.Path itself, then).
func escapedPath(u *url.URL) string {
	if u.RawPath != "" || u.Path == "*" {
		return u.EscapedPath()
	}
	for i := 0; i < len(u.Path); i++ {
		if !plainInPath[u.Path[i]] {
			return u.EscapedPath()
		}
	}
	return u.Path
}

// plainInHost and plainInPath are the bytes net/url writes as they are in
// a URL's host and in a path without RawPath; a table, not a switch, as
// formatsAs runs for every call the store sees.
// TestPlainBytesAreNetURLs holds them to net/url's own escaping.
var (
	plainInHost = byteSet(`!"$&'()*+,-.0123456789:;<=>ABCDEFGHIJKLMNOPQRSTUVWXYZ[]_abcdefghijklmnopqrstuvwxyz~`)
	plainInPath = byteSet(`$&+,-./0123456789:;=@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~`)
)

// byteSet is the set of the bytes of s.
func byteSet(s string) (set [256]bool) {
	for i := 0; i < len(s); i++ {
		set[s[i]] = true
	}
	return set
}

// sameTarget reports whether req goes where want, the URL the client made
// for it, says: the same URL, userinfo included, and no other Host.
func sameTarget(req *http.Request, want *url.URL) bool {
	a := req.URL
	return (a == want || a.Scheme == want.Scheme && a.Opaque == want.Opaque && a.Host == want.Host &&
		a.Path == want.Path && a.RawPath == want.RawPath && a.RawQuery == want.RawQuery &&
		a.ForceQuery == want.ForceQuery && a.OmitHost == want.OmitHost &&
		(a.User == want.User || a.User.String() == want.User.String())) &&
		(req.Host == "" || req.Host == want.Host)
}

// urlChange names what a layer changed in req against want, hashed (the
// change may hold a token): the destination (scheme, userinfo, host, Host
// header), the path, and the query parameters added and removed, in
// order.
func urlChange(req *http.Request, want *url.URL) string {
	u := req.URL
	var b strings.Builder
	if u.Scheme != want.Scheme || u.Host != want.Host || u.User.String() != want.User.String() || u.Opaque != want.Opaque {
		b.WriteString("to " + u.Scheme + "://" + u.User.String() + "@" + u.Host + " " + u.Opaque + "\n")
	}
	if req.Host != "" && req.Host != want.Host {
		b.WriteString("host " + req.Host + "\n")
	}
	if u.Path != want.Path || u.RawPath != want.RawPath {
		b.WriteString("path " + u.EscapedPath() + "\n")
	}
	if u.RawQuery != want.RawQuery {
		had := make(map[string]int)
		for _, p := range params(want.RawQuery) {
			had[p]++
		}
		var added, removed []string
		for _, p := range params(u.RawQuery) {
			if had[p] > 0 {
				had[p]--
			} else {
				added = append(added, p)
			}
		}
		for p, n := range had {
			for ; n > 0; n-- {
				removed = append(removed, p)
			}
		}
		slices.Sort(added)
		slices.Sort(removed)
		b.WriteString("query +" + strings.Join(added, "&") + " -" + strings.Join(removed, "&") + "\n")
	}
	sum := sha256.Sum256([]byte(b.String()))
	return base64.RawURLEncoding.EncodeToString(sum[:18])
}

// params splits a raw query on '&' and ';', as servers do.
func params(raw string) []string {
	if raw == "" {
		return nil
	}
	return strings.FieldsFunc(raw, func(r rune) bool { return r == '&' || r == ';' })
}
