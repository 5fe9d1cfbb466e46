package client

import (
	"net"
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
// a host-only one), path, and site (the registrable domain, or the host).
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
