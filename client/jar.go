package client

import (
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

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
}

// secureCookie is where https set a Secure cookie: its domain (the host of
// a host-only one), path, and site (the registrable domain, or the host).
type secureCookie struct{ domain, path, site string }

// The bounds of the Secure cookies the jar keeps, a browser's (180 a
// domain, about 3000 in all): each has a record (noteSecure), which an
// https server setting ever more names or paths would otherwise grow
// without end. Past them, a new one is not kept (makeRoomForSecure): one
// site filling its share leaves the others theirs.
const (
	maxSecurePerSite = 180
	maxSecure        = 3000
)

func newOriginJar() *originJar {
	return &originJar{jars: make(map[string]*cookiejar.Jar), secure: make(map[string][]secureCookie)}
}

// Cookies returns the cookies to send to u: those of u's port.
func (j *originJar) Cookies(u *url.URL) []*http.Cookie {
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
	if jar := j.jar(u, true); jar != nil {
		wu := withPort(u)
		cookies = withPrefixesKept(cookies)
		// One answer at a time: the records and the jar change together,
		// so that http's cookie is judged against what https set before it.
		j.mu.Lock()
		defer j.mu.Unlock()
		if strings.EqualFold(u.Scheme, "https") {
			cookies = j.makeRoomForSecure(u, cookies)
			jar.SetCookies(wu, cookies)
			j.noteSecure(u, cookies)
			return
		}
		jar.SetCookies(wu, j.leaveSecureAlone(jar, wu, cookies))
	}
}

// withPrefixesKept returns cookies without those whose name prefix they
// break, as browsers ignore them (RFC 6265bis §4.1.3, names matched
// whatever their case): a __Secure- one must be Secure, a __Host- one
// Secure, without Domain and with Path=/, which a server takes for a
// cookie its own host set over https (plain http, a network attacker's,
// cannot set a Secure one). A copy when any goes.
func withPrefixesKept(cookies []*http.Cookie) []*http.Cookie {
	var kept []*http.Cookie
	for i, c := range cookies {
		ok := true
		switch {
		case hasPrefixFold(c.Name, "__Secure-"):
			ok = c.Secure
		case hasPrefixFold(c.Name, "__Host-"):
			ok = c.Secure && c.Domain == "" && c.Path == "/"
		}
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

// hasPrefixFold reports whether s begins with prefix, ASCII case ignored.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// noteSecure brings the records of where the jar holds Secure cookies
// (cookiejar cannot list the cookies of other hosts, which a domain cookie
// from http would shadow) up to date with the cookies an https answer of u
// set, the jar holding them already: a Secure one kept is recorded, and a
// record goes once no Secure cookie of its name is left there, however
// https removed it (Max-Age, an Expires past, a cookie that is not Secure
// in its place). j.mu is held.
func (j *originJar) noteSecure(u *url.URL, cookies []*http.Cookie) {
	port := jarPort(u)
	host := strings.ToLower(u.Hostname())
	for _, c := range cookies {
		key := port + "\x00" + c.Name
		recs := j.secure[key]
		if !c.Secure && len(recs) == 0 {
			continue // the common case: nothing to record or forget
		}
		d, ok := cookieDomain(host, c)
		if !ok {
			continue
		}
		at := secureCookie{domain: d, path: cookiePath(u, c), site: site(d)}
		i := slices.Index(recs, at)
		if i < 0 && !keepsSecure(c) {
			continue // nothing recorded, nothing to record
		}
		switch live := j.secureLive(port, c.Name, at); {
		case live && i < 0:
			j.secure[key] = append(recs, at)
			j.nsecure++
		case !live && i >= 0:
			j.forget(key, i)
		}
	}
}

// makeRoomForSecure returns cookies, from an https answer of u, without
// the Secure ones that would need a record past the bounds (maxSecure,
// maxSecurePerSite) once the records of cookies gone (expired since) are
// dropped. j.mu is held.
func (j *originJar) makeRoomForSecure(u *url.URL, cookies []*http.Cookie) []*http.Cookie {
	port := jarPort(u)
	host := strings.ToLower(u.Hostname())
	var kept []*http.Cookie
	added, swept := 0, false
	for i, c := range cookies {
		ok := true
		if d, valid := cookieDomain(host, c); valid && keepsSecure(c) {
			at := secureCookie{domain: d, path: cookiePath(u, c), site: site(d)}
			if !slices.Contains(j.secure[port+"\x00"+c.Name], at) {
				if !swept && (j.nsecure+added >= maxSecure || j.perSite(at.site)+added >= maxSecurePerSite) {
					j.sweep()
					swept = true
				}
				ok = j.nsecure+added < maxSecure && j.perSite(at.site)+added < maxSecurePerSite
				if ok {
					added++
				}
			}
		}
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

// keepsSecure reports whether c is a Secure cookie the jar will keep, not
// one that deletes (Max-Age=0, an Expires past).
func keepsSecure(c *http.Cookie) bool {
	return c.Secure && c.MaxAge >= 0 && (c.Expires.IsZero() || c.Expires.After(time.Now()))
}

// secureLive reports whether the jar of port holds a Secure cookie named
// name that https://at.domain/at.path is sent and http's is not: the one
// at records, or one sent wherever it would be. j.mu is held.
func (j *originJar) secureLive(port, name string, at secureCookie) bool {
	jar := j.jars[port]
	if jar == nil {
		return false
	}
	count := func(scheme string) int {
		n := 0
		for _, k := range jar.Cookies(withPort(&url.URL{Scheme: scheme, Host: bracketed(at.domain), Path: at.path})) {
			if k.Name == name {
				n++
			}
		}
		return n
	}
	if loopback(at.domain) {
		// cookiejar sends Secure cookies to http://localhost too, as
		// browsers count it secure: any of the name keeps the record.
		return count("https") > 0
	}
	return count("https") > count("http")
}

// loopback reports whether host is localhost (or a name under it) or a
// loopback address, whose http cookiejar takes for secure.
func loopback(host string) bool {
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback()
	}
	return host == "localhost" || strings.HasSuffix(host, ".localhost")
}

// sweep drops the records of Secure cookies no longer in the jar (expired).
// j.mu is held.
func (j *originJar) sweep() {
	for key, recs := range j.secure {
		port, name, _ := strings.Cut(key, "\x00")
		for i := len(recs) - 1; i >= 0; i-- {
			if !j.secureLive(port, name, recs[i]) {
				j.forget(key, i)
				recs = j.secure[key]
			}
		}
	}
}

// forget drops record i of key. j.mu is held.
func (j *originJar) forget(key string, i int) {
	recs := slices.Delete(j.secure[key], i, i+1)
	if len(recs) == 0 {
		delete(j.secure, key)
	} else {
		j.secure[key] = recs
	}
	j.nsecure--
}

// perSite counts the records of site. j.mu is held.
func (j *originJar) perSite(site string) int {
	n := 0
	for _, recs := range j.secure {
		for _, r := range recs {
			if r.site == site {
				n++
			}
		}
	}
	return n
}

// site is the registrable domain of a cookie's domain d (the public suffix
// list's eTLD+1), or d itself (an IP address, which the list would take
// for a name ending in .0.1, or a name it has no registrable domain for).
func site(d string) string {
	if net.ParseIP(d) != nil {
		return d
	}
	if s, err := publicsuffix.EffectiveTLDPlusOne(d); err == nil {
		return s
	}
	return d
}

// bracketed is host as a URL's host: an IPv6 literal in brackets.
func bracketed(host string) string {
	if strings.Contains(host, ":") {
		return "[" + host + "]"
	}
	return host
}

// shadowsSecureElsewhere reports whether c, from a plain http answer of u,
// is named as a Secure cookie that https set (noteSecure) whose domain
// domain-matches c's or the other way round, and whose path c's path
// path-matches (RFC 6265bis §5.7): a cookie of the domain planted by
// http://static.example.com, sent to https://www.example.com before (a
// longer path) or beside its Secure session. j.mu is held.
func (j *originJar) shadowsSecureElsewhere(u *url.URL, c *http.Cookie) bool {
	d, ok := cookieDomain(strings.ToLower(u.Hostname()), c)
	if !ok {
		return false // the jar refuses it
	}
	p := cookiePath(u, c)
	for _, at := range j.secure[jarPort(u)+"\x00"+c.Name] {
		if (domainMatch(at.domain, d) || domainMatch(d, at.domain)) && pathMatch(p, at.path) {
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
func cookieDomain(host string, c *http.Cookie) (d string, ok bool) {
	d = strings.ToLower(strings.TrimPrefix(c.Domain, "."))
	switch {
	case d == "" || d == host:
		return host, true
	case !domainMatch(host, d):
		return "", false
	}
	if ps, _ := publicsuffix.PublicSuffix(d); ps == d {
		return "", false
	}
	return d, true
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
func (j *originJar) leaveSecureAlone(jar *cookiejar.Jar, u *url.URL, cookies []*http.Cookie) []*http.Cookie {
	kept := make([]*http.Cookie, 0, len(cookies))
	for _, c := range cookies {
		if c.Secure || shadowsSecure(jar, u, c) || j.shadowsSecureElsewhere(u, c) {
			continue
		}
		kept = append(kept, c)
	}
	return kept
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

// withPort is u as net/http/cookiejar must see it: an IPv6 literal host
// with its port spelled out. cookiejar keeps "[::1]" with its brackets when
// no port follows and "::1" without them when one does, so the cookies of
// http://[::1]:80 and http://[::1] would not meet.
func withPort(u *url.URL) *url.URL {
	host := u.Hostname()
	if u.Port() != "" || !strings.Contains(host, ":") {
		return u // a port, or not an IPv6 literal
	}
	c := *u
	port := "80"
	if strings.EqualFold(u.Scheme, "https") {
		port = "443"
	}
	c.Host = "[" + host + "]:" + port // "[::1]" and "[::1]:" alike
	return &c
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
