package client

import (
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync"

	"golang.org/x/net/publicsuffix"
)

// originJar is the default cookie jar: one net/http/cookiejar (on the
// public suffix list) per port. RFC 6265 scopes a cookie by host alone, as
// browsers do, so one port of a host would read the cookies another port
// set: a session of http://h:8080 sent to a backup or another service at
// http://h:9090, or a cookie that one planted sent to the client's own
// origin under Credentials same-origin. The jar keeps explicit ports apart.
// The default ports, http's 80 and https's 443, share one jar, as a site
// and its https version share cookies in a browser (a login over http that
// moves to https keeps its session; Secure cookies never go over http,
// and an http answer can neither set one nor replace one that https set).
// Domain cookies still reach every host of their domain on one port. A jar
// of WithCookieJar is used as it is.
//
// An originJar is safe for concurrent use.
type originJar struct {
	mu      sync.Mutex
	jars    map[string]*cookiejar.Jar // by port, "" for the default ones; made on a first SetCookies
	secure  map[string][]secureCookie // by port and name: where the jar holds Secure cookies (see leaveSecureAlone)
	nsecure int                       // the records in secure
	// cookies records every cookie the jar holds, for its bounds (see
	// boundCookies), and cookiesPerSite counts them by site.
	cookies        map[cookieKey]cookieRecord
	cookiesPerSite map[string]int
	sitesHolding   [maxCookiesPerSite + 1]int // how many sites hold n cookies (countSite)
	cookiesBySite  map[string][]heldCookie    // each site's, oldest first, for eviction
	seq            uint64                     // the last cookieRecord.seq given
}

func newOriginJar() *originJar {
	return &originJar{jars: make(map[string]*cookiejar.Jar), secure: make(map[string][]secureCookie),
		cookies: make(map[cookieKey]cookieRecord), cookiesPerSite: make(map[string]int),
		cookiesBySite: make(map[string][]heldCookie)}
}

// Cookies returns the cookies to send to u: those of u's port.
func (j *originJar) Cookies(u *url.URL) []*http.Cookie {
	u = canonicalIPv6(u)
	if jar := j.jar(u, false); jar != nil {
		return jar.Cookies(withPort(u))
	}
	return nil
}

// SetCookies keeps cookies that u answered with, for u's port.
func (j *originJar) SetCookies(u *url.URL, cookies []*http.Cookie) {
	if len(cookies) == 0 {
		return
	}
	u = canonicalIPv6(u)
	if jar := j.jar(u, true); jar != nil {
		wu := withPort(u)
		cookies = withPrefixesKept(withinSizeBound(withValuesTrimmed(cookies)))
		// One answer at a time: the records and the jar change together,
		// so that http's cookie is judged against what https set before it.
		j.mu.Lock()
		defer j.mu.Unlock()
		if strings.EqualFold(u.Scheme, "https") {
			j.sweepSecureIfFull()
			cookies = j.boundCookies(u, cookies)
			jar.SetCookies(wu, cookies)
			j.noteSecure(u, cookies)
			return
		}
		jar.SetCookies(wu, j.boundCookies(u, j.leaveSecureAlone(jar, wu, cookies)))
	}
}

// withPrefixesKept returns cookies without those whose name prefix they
// break, as browsers ignore them (RFC 6265bis §4.1.3, names matched
// whatever their case): a __Secure- one must be Secure, a __Host- one
// Secure, without Domain and with Path=/, which a server takes for a
// cookie its own host set over https (plain http, a network attacker's,
// cannot set a Secure one). A copy when any goes.
func withPrefixesKept(cookies []*http.Cookie) []*http.Cookie {
	return keepCookies(cookies, func(c *http.Cookie) bool {
		switch {
		case hasPrefixFold(c.Name, "__Secure-"):
			return c.Secure
		case hasPrefixFold(c.Name, "__Host-"):
			return c.Secure && c.Domain == "" && c.Path == "/"
		}
		return true
	})
}

// maxCookieBytes bounds a cookie's name and value together, as browsers do
// (RFC 6265bis §5.6: a longer one is ignored entirely): a server cannot make
// the jar hold, and every later request carry, cookies of any size.
const maxCookieBytes = 4096

// withinSizeBound returns cookies without those over maxCookieBytes. A copy
// when any goes.
func withinSizeBound(cookies []*http.Cookie) []*http.Cookie {
	return keepCookies(cookies, func(c *http.Cookie) bool { return len(c.Name)+len(c.Value) <= maxCookieBytes })
}

// keepCookies returns the cookies keep accepts, in order: cookies itself
// when it accepts them all, else a copy (the caller's slice is left alone).
func keepCookies(cookies []*http.Cookie, keep func(*http.Cookie) bool) []*http.Cookie {
	var kept []*http.Cookie
	for i, c := range cookies {
		ok := keep(c)
		switch {
		case ok && kept != nil:
			kept = append(kept, c)
		case !ok && kept == nil:
			kept = append(make([]*http.Cookie, 0, len(cookies)), cookies[:i]...)
		}
	}
	if kept == nil {
		return cookies
	}
	return kept
}

// withValuesTrimmed returns cookies with the spaces and tabs around each
// unquoted value removed, as a browser reads a Set-Cookie (RFC 6265bis
// §5.6: "sid= abc" is sid=abc). net/http keeps them, and then sends the
// value quoted, sid=" abc", which a server that does not strip quotes
// takes for another session. A copy of any cookie it changes, and of the
// slice then (the caller's cookies are left alone); a quoted value is kept
// as it is, quotes and all, as a browser keeps it.
func withValuesTrimmed(cookies []*http.Cookie) []*http.Cookie {
	var out []*http.Cookie
	for i, c := range cookies {
		v := c.Value
		if !c.Quoted {
			v = strings.Trim(v, " \t")
		}
		if v == c.Value {
			if out != nil {
				out = append(out, c)
			}
			continue
		}
		if out == nil {
			out = append(make([]*http.Cookie, 0, len(cookies)), cookies[:i]...)
		}
		cc := *c
		cc.Value = v
		out = append(out, &cc)
	}
	if out == nil {
		return cookies
	}
	return out
}

// hasPrefixFold reports whether s begins with prefix, ASCII case ignored.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// shadowsSecureElsewhere reports whether c, from a plain http answer of u,
// is named as a Secure cookie that https set (noteSecure) whose domain
// domain-matches c's or the other way round, and whose path c's path
// path-matches (RFC 6265bis §5.7): a cookie of the domain planted by
// http://static.example.com, sent to https://www.example.com before (a
// longer path) or beside its Secure session. near keeps, for one answer,
// the records of each name and domain whose domains match (those of the
// answer's site): an answer of n cookies of a name with records all over
// the jar compares each of them with those few, not with all of them
// (20000 cookies against 3000 records held the lock for seconds). j.mu is
// held.
func (j *originJar) shadowsSecureElsewhere(u *url.URL, c *http.Cookie, near map[[2]string][]secureCookie) bool {
	d, ok := cookieDomain(strings.ToLower(u.Hostname()), c)
	if !ok {
		return false // the jar refuses it
	}
	key := [2]string{c.Name, d}
	recs, seen := near[key]
	if !seen {
		for _, at := range j.secure[jarPort(u)+"\x00"+c.Name] {
			if domainMatch(at.domain, d) || domainMatch(d, at.domain) {
				recs = append(recs, at)
			}
		}
		near[key] = recs
	}
	p := cookiePath(u, c)
	for _, at := range recs {
		if pathMatch(p, at.path) {
			return true
		}
	}
	return false
}

// cookieDomain is the domain c is set for by an answer of host: its Domain
// attribute, lowercased and without its leading dot, or host for a
// host-only cookie (or a Domain that is host's public suffix itself); ok
// is false for a cookie the jar refuses (a Domain host is not in, or a
// public suffix), as RFC 6265 §5.3 does.
//
// It refuses what cookiejar's domainAndType refuses, so that no record (of
// the bounds, of a Secure cookie) stands for a cookie the jar never held:
// at an IP address (addressHost), a Domain other than the address as it
// is (a leading dot included); a Domain of ".", of two leading dots, not ASCII, or with
// a trailing dot.
func cookieDomain(host string, c *http.Cookie) (d string, ok bool) {
	switch {
	case c.Domain == "":
		return host, true
	case addressHost(host):
		return host, c.Domain == host
	}
	d = strings.TrimPrefix(c.Domain, ".")
	if d == "" || d[0] == '.' || d[len(d)-1] == '.' || !asciiHost(d) {
		return "", false
	}
	d = strings.ToLower(d)
	switch {
	case d == host:
		return host, true
	case !domainMatch(host, d):
		return "", false
	}
	if ps, _ := publicsuffix.PublicSuffix(d); ps == d {
		return "", false
	}
	return d, true
}

// addressHost reports whether host is an IP address as cookiejar has it:
// any host with a ':' or a '%' too, such as an IPv6 literal whose zone holds
// dots (::1%x.example.com, dialed as ::1), which is no name of example.com.
func addressHost(host string) bool {
	return strings.ContainsAny(host, ":%") || net.ParseIP(host) != nil
}

// cookiePath is the path c is set for by an answer of u: its Path
// attribute, or the default path of u's (RFC 6265 §5.1.4).
func cookiePath(u *url.URL, c *http.Cookie) string {
	if strings.HasPrefix(c.Path, "/") {
		return c.Path
	}
	p := u.Path
	if i := strings.LastIndex(p, "/"); i > 0 && strings.HasPrefix(p, "/") {
		return p[:i]
	}
	return "/"
}

// domainMatch reports whether host domain-matches domain (RFC 6265 §5.1.3),
// both lowercase.
func domainMatch(host, domain string) bool {
	return host == domain || strings.HasSuffix(host, "."+domain)
}

// pathMatch reports whether path path-matches cookiePath (RFC 6265 §5.1.4).
func pathMatch(path, cookiePath string) bool {
	if !strings.HasPrefix(path, cookiePath) {
		return false
	}
	return len(path) == len(cookiePath) || strings.HasSuffix(cookiePath, "/") || path[len(cookiePath)] == '/'
}

// leaveSecureAlone drops the cookies a plain http answer must not set, as
// browsers do (RFC 6265bis §5.7): one marked Secure, one that would
// replace or delete a Secure cookie of the same name that https set for
// the host (cookiejar files both under one name, domain and path), and one
// of that name whose domain covers the host of such a cookie, or lies in
// its domain, on a path under its (a sibling host's domain cookie, sent
// with it): a network attacker could otherwise fix the session an https
// login made. j.mu is held.
//
// Only a name with a record can shadow: every Secure cookie the jar holds
// came from https and is recorded (noteSecure) while it lives. The jar is
// asked (shadowsSecure, which lists and sorts all the host's cookies) for
// those names alone, so that an http answer of n cookies to a jar of n
// costs O(n), not O(n² log n) under j.mu.
func (j *originJar) leaveSecureAlone(jar *cookiejar.Jar, u *url.URL, cookies []*http.Cookie) []*http.Cookie {
	port := jarPort(u)
	near := map[[2]string][]secureCookie{} // the answer's: the records do not change while it is judged
	return keepCookies(cookies, func(c *http.Cookie) bool {
		if c.Secure {
			return false
		}
		if len(j.secure[port+"\x00"+c.Name]) == 0 {
			return true
		}
		return !shadowsSecure(jar, u, c) && !j.shadowsSecureElsewhere(u, c, near)
	})
}

// shadowsSecure reports whether the jar holds, for u's host and the path c
// would be set for, a Secure cookie named as c: one https reads and http
// does not.
func shadowsSecure(jar *cookiejar.Jar, u *url.URL, c *http.Cookie) bool {
	path := c.Path
	if !strings.HasPrefix(path, "/") {
		path = u.Path
		if path == "" {
			path = "/"
		}
	}
	count := func(scheme string) int {
		n := 0
		for _, k := range jar.Cookies(&url.URL{Scheme: scheme, Host: u.Host, Path: path}) {
			if k.Name == c.Name {
				n++
			}
		}
		return n
	}
	return count("https") > count("http")
}

// jar returns the jar of u's port, made if create is set; nil for a URL a
// cookie jar ignores (neither http nor https).
func (j *originJar) jar(u *url.URL, create bool) *cookiejar.Jar {
	if u == nil {
		return nil
	}
	if h := u.Hostname(); !asciiHost(h) || strings.HasSuffix(h, ".") {
		// cookiejar files a non-ASCII host under its Punycode as typed,
		// where net/http dials its IDNA mapping (another name), and
		// svc.prod. with svc.prod, which net/http dials as two names (a
		// rooted one, and one the DNS search list may take inside): no
		// cookie is kept or sent for such a host, rather than one filed
		// for another.
		return nil
	}
	if !strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https") {
		return nil
	}
	port := jarPort(u)
	j.mu.Lock()
	defer j.mu.Unlock()
	jar := j.jars[port]
	if jar == nil && create {
		// cookiejar.New fails only for invalid options; these are fixed.
		jar, _ = cookiejar.New(&cookiejar.Options{PublicSuffixList: publicsuffix.List})
		j.jars[port] = jar
	}
	return jar
}

// jarPort is the port whose jar u uses, "" for http's and https's
// default ones.
func jarPort(u *url.URL) string {
	port := u.Port()
	if p := strings.TrimLeft(port, "0"); p != port && p != "" {
		port = p // 0443 is 443, as dialed
	}
	if port == "80" && strings.EqualFold(u.Scheme, "http") || port == "443" && strings.EqualFold(u.Scheme, "https") {
		return ""
	}
	return port
}

// asciiHost reports whether host is all ASCII.
func asciiHost(host string) bool {
	for i := 0; i < len(host); i++ {
		if host[i] >= 0x80 {
			return false
		}
	}
	return true
}
