package client

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/publicsuffix"
)

// The records of where the default jar holds Secure cookies (see
// originJar.leaveSecureAlone), kept in step with the jar and bounded.

// secureCookie is where https set a Secure cookie: its domain (the host of
// a host-only one), path, and site (the registrable domain, or the host,
// and the port when explicit: portSite).
type secureCookie struct{ domain, path, site string }

// maxSecure is how many records of Secure cookies may gather before the
// records of those gone (expired) are swept (sweepSecureIfFull). Each live
// record is of a cookie the jar holds, under the jar's bounds
// (boundCookies), so a sweep leaves at most maxCookies of them: twice that
// spreads a sweep, which asks the jar of every record, over as many new
// records, where maxCookies itself had a jar full of live Secure cookies
// sweep on every https answer that set any cookie. A hostile https server
// setting ever more Secure names grows neither.
const maxSecure = 2 * maxCookies

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
		at := secureCookie{domain: d, path: cookiePath(u, c), site: portSite(port, d)}
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

// sweepSecureIfFull drops the records of Secure cookies gone from the jar
// once they reach maxSecure; an answer adds at most a site's share
// (maxCookiesPerSite) before the next one's sweep. It refuses no cookie:
// the jar's bounds do that (boundCookies), and an eviction there drops the
// evicted cookie's record. j.mu is held.
func (j *originJar) sweepSecureIfFull() {
	if j.nsecure >= maxSecure {
		j.sweep()
	}
}

// keepsSecure reports whether c is a Secure cookie the jar will keep, not
// one that deletes (Max-Age=0, an Expires past without a Max-Age, which
// wins over it, as cookiejar reads them).
func keepsSecure(c *http.Cookie) bool {
	return c.Secure && (c.MaxAge > 0 || c.MaxAge == 0 && (c.Expires.IsZero() || c.Expires.After(time.Now())))
}

// secureLive reports whether the jar of port holds the Secure cookie named
// name that the record at stands for: by the records of the jar's bounds
// (boundCookies), which file every cookie it holds by port, name, domain
// and path, so that a record lives with its own cookie alone. Asking the
// jar for a cookie of the name sent to at (a Secure one of a shorter path
// or a parent domain is too) kept the records of removed cookies alive: an
// https server holding one Secure cookie could set and remove it on ever
// more paths, and the records, swept to no avail on every https answer
// past maxSecure, grew without bound. j.mu is held.
func (j *originJar) secureLive(port, name string, at secureCookie) bool {
	rec, ok := j.cookies[cookieKey{port: port, name: name, domain: at.domain, path: at.path}]
	return ok && rec.secure && (rec.expires.IsZero() || rec.expires.After(time.Now()))
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

// site is the registrable domain of a cookie's domain d (the public suffix
// list's eTLD+1), or d itself (an IP address, which the list would take
// for a name ending in .0.1, or a name it has no registrable domain for).
func site(d string) string {
	if addressHost(d) {
		return d
	}
	if s, err := publicsuffix.EffectiveTLDPlusOne(d); err == nil {
		return s
	}
	return d
}

// portSite is the unit of the jar's bounds for a cookie of domain d that
// an answer of the jar's port set: its site, and the port when explicit.
// The jar keeps ports apart, and so its bounds: a server on another port
// of the host, another origin, can neither use up the share of the site's
// own port (its next session not kept) nor push its cookies out. The port
// follows a NUL, which no host holds: after a colon, [::1]:8080 and the
// host [::1:8080] on the default port would count as one.
func portSite(port, d string) string {
	if port == "" {
		return site(d)
	}
	return site(d) + "\x00" + port
}

// bracketed is host as a URL's host: an IPv6 literal in brackets.
func bracketed(host string) string {
	if strings.Contains(host, ":") {
		return "[" + host + "]"
	}
	return host
}
