package client

import (
	"net/url"
	"strings"

	"github.com/taroreq/taroreq/internal/slots"
)

// urlCache remembers Option URLs resolved and formatted: most requests
// name a URL the client has seen, and url.Parse, resolving against the base
// and URL.String cost a third of building a request. A client talks to a
// handful of endpoints; the table's bound holds whatever the traffic (unique
// URLs cost a parse each, as without the cache). Safe for concurrent use.
type urlCache struct{ slots.Table[resolvedURL] }

// resolvedURL is an Option URL (raw) as resolve makes it: the parsed
// absolute URL and its text.
type resolvedURL struct {
	raw  string
	url  url.URL // copied out, never handed: callers change their copy
	text string
}

func newURLCache() *urlCache {
	c := new(urlCache)
	c.Init()
	return c
}

// get copies raw resolved into dst, the caller's to change, and returns its
// text.
func (c *urlCache) get(raw string, dst *url.URL) (string, bool) {
	r := c.Slot(c.Hash(raw)).Load()
	if r == nil || r.raw != raw {
		return "", false
	}
	*dst = r.url // url.Userinfo is immutable: sharing the pointer is safe
	return r.text, true
}

// peek is get without the copy: the URL is shared and must not be changed.
func (c *urlCache) peek(raw string) (*url.URL, string, bool) {
	r := c.Slot(c.Hash(raw)).Load()
	if r == nil || r.raw != raw {
		return nil, "", false
	}
	return &r.url, r.text, true
}

// put remembers raw resolved as u (not changed after this call).
func (c *urlCache) put(raw string, u *url.URL) string {
	text := u.String()
	c.Slot(c.Hash(raw)).Store(&resolvedURL{raw: strings.Clone(raw), url: *u, text: text})
	return text
}

// queryPrefix appends to dst the text that comes before query data added
// to u (whose text is text) as encoders.AppendQuery adds it: the URL, then
// '?' or '&' as needed; ok is false when the URL has a fragment (the query
// goes before it).
func queryPrefix(dst []byte, u *url.URL, text string) ([]byte, bool) {
	if u.Fragment != "" || u.RawFragment != "" || strings.IndexByte(text, '#') >= 0 {
		return dst, false
	}
	switch {
	case u.RawQuery == "":
		return append(append(dst, strings.TrimSuffix(text, "?")...), '?'), true
	case strings.HasSuffix(u.RawQuery, "&"): // a '?' ending the query is a value's
		return append(dst, text...), true
	}
	return append(append(dst, text...), '&'), true
}
