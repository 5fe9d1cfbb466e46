package client

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// The bounds of all the cookies the default jar keeps, a browser's (180 a
// site, each explicit port of it apart (portSite), about 3000 in all): a
// server setting ever more names or paths would otherwise grow the jar,
// and the Cookie header of every later request to it, without end
// (boundCookies). A site past its own share gets no new cookie: it can
// only crowd out itself, and its held cookies (a session among them)
// stay; but a Secure one that https sets pushes out the site's
// oldest plain cookie (evictPlainOf). Past the bound of all, a new cookie
// of a site pushes out the oldest one of the sites that hold the most (one
// that is not Secure first), when they hold more than the new one's site:
// a few sites filling their shares cannot keep every other site's new
// session out, as refusing would let them (a browser evicts too). The
// Secure ones have records of their own (noteSecure), within these bounds.
const (
	maxCookiesPerSite = 180
	maxCookies        = 3000
)

// cookieKey is a cookie as the jar files it: a later one of the same key
// replaces it.
type cookieKey struct{ port, name, domain, path string }

// cookieRecord is what the bounds need of a cookie the jar holds.
type cookieRecord struct {
	site    string
	expires time.Time // zero for a session cookie, held while the jar is
	seq     uint64    // when the jar first held it: a replacement keeps it (RFC 6265 §5.3)
	secure  bool      // Secure: evicted after the others (evictForSite)
}

// heldCookie is a cookie of a site's queue, oldest first (cookiesBySite);
// a record gone or made again since (another seq) is skipped.
type heldCookie struct {
	key cookieKey
	seq uint64
}

// boundCookies returns cookies, which an answer of u sets, without the new
// ones of a site past its share once the records of expired cookies are
// dropped; past the bound of all, it evicts (see the bounds above). It
// brings the records up to date with what the jar will hold: a cookie
// that deletes (Max-Age below zero, an Expires past) drops its record, one
// that replaces a held one keeps its place. j.mu is held.
func (j *originJar) boundCookies(u *url.URL, cookies []*http.Cookie) []*http.Cookie {
	port := jarPort(u)
	host := strings.ToLower(u.Hostname())
	now := time.Now() // cookiejar's clock: it expires them by it
	swept := false
	https := strings.EqualFold(u.Scheme, "https")
	return keepCookies(cookies, func(c *http.Cookie) bool {
		secure := c.Secure && https
		d, ok := cookieDomain(host, c)
		if !ok {
			return true // the jar refuses it itself
		}
		k := cookieKey{port: port, name: c.Name, domain: d, path: cookiePath(u, c)}
		expires, deletes := cookieExpiry(c, now)
		rec, held := j.cookies[k]
		switch {
		case deletes:
			if held {
				j.dropCookie(k, rec)
			}
			return true
		case held:
			rec.expires, rec.secure = expires, c.Secure
			j.cookies[k] = rec
			return true
		}
		s := portSite(port, d)
		full := func() bool { return len(j.cookies) >= maxCookies || j.cookiesPerSite[s] >= maxCookiesPerSite }
		if full() && !swept {
			j.sweepCookies(now)
			swept = true
		}
		if j.cookiesPerSite[s] >= maxCookiesPerSite && !(secure && j.evictPlainOf(s)) ||
			len(j.cookies) >= maxCookies && !j.evictForSite(s) {
			return false
		}
		j.seq++
		j.cookies[k] = cookieRecord{site: s, expires: expires, seq: j.seq, secure: c.Secure}
		j.countSite(s, +1)
		q := append(j.cookiesBySite[s], heldCookie{k, j.seq})
		if len(q) > 2*j.cookiesPerSite[s]+8 {
			q = slices.DeleteFunc(q, j.gone) // the records dropped since: the queue stays within twice the site's
		}
		j.cookiesBySite[s] = q
		return true
	})
}

// evictForSite makes room for a new cookie of site s when the jar holds
// maxCookies: it deletes the oldest cookie of the sites holding the most,
// if they hold more than s does (s then is none of them), one that is not
// Secure if they hold any (RFC 6265bis §5.7): a network attacker, who can
// fill a site with plain cookies over http and flood others, would
// otherwise push out the site's Secure session, its record with it, and
// then set one of its own over http. It reports whether it did. j.mu is
// held.
func (j *originJar) evictForSite(s string) bool {
	most := j.mostPerSite()
	if most <= j.cookiesPerSite[s] {
		return false // s holds as many as any: it crowds out only itself
	}
	var oldest, oldestPlain heldCookie
	for site, n := range j.cookiesPerSite {
		if n != most {
			continue
		}
		q := j.cookiesBySite[site]
		for len(q) > 0 && j.gone(q[0]) {
			q = q[1:]
		}
		j.cookiesBySite[site] = q
		if len(q) > 0 && (oldest.seq == 0 || q[0].seq < oldest.seq) {
			oldest = q[0]
		}
		for _, h := range q {
			if oldestPlain.seq != 0 && h.seq > oldestPlain.seq {
				break // the queue is oldest first
			}
			if !j.gone(h) && !j.cookies[h.key].secure {
				oldestPlain = h
				break
			}
		}
	}
	if oldestPlain.seq != 0 {
		oldest = oldestPlain
	}
	if oldest.seq == 0 {
		return false // cannot be: the sites' counts say they hold some
	}
	j.evict(oldest.key)
	return true
}

// evictPlainOf makes room in site s, at its share, for a Secure cookie
// that https sets: it deletes the site's oldest cookie that is not Secure,
// if it holds one (RFC 6265bis §5.7), and reports whether it did. A
// network attacker who filled the site's share with plain cookies over
// http would otherwise keep its https login's session out. j.mu is held.
func (j *originJar) evictPlainOf(s string) bool {
	for _, h := range j.cookiesBySite[s] {
		if !j.gone(h) && !j.cookies[h.key].secure {
			j.evict(h.key)
			return true
		}
	}
	return false
}

// countSite adds d to the count of site s and returns it, keeping the
// histogram of the counts in step. j.mu is held.
func (j *originJar) countSite(s string, d int) int {
	n := j.cookiesPerSite[s]
	if n > 0 {
		j.sitesHolding[min(n, maxCookiesPerSite)]--
	}
	n += d
	j.cookiesPerSite[s] = n
	if n > 0 {
		j.sitesHolding[min(n, maxCookiesPerSite)]++ // (a count never passes the bound: boundCookies)
	}
	return n
}

// mostPerSite is the count of the sites holding the most, from the
// histogram: a refusal past the bound of all costs no walk of every site,
// which a hostile answer of thousands of cookies would make one per
// cookie. j.mu is held.
func (j *originJar) mostPerSite() int {
	for n := maxCookiesPerSite; n > 0; n-- {
		if j.sitesHolding[n] > 0 {
			return n
		}
	}
	return 0
}

// gone reports whether the jar no longer holds h's cookie as queued.
func (j *originJar) gone(h heldCookie) bool {
	rec, ok := j.cookies[h.key]
	return !ok || rec.seq != h.seq
}

// evict deletes k's cookie from its jar and drops its records, the Secure
// one too. j.mu is held.
func (j *originJar) evict(k cookieKey) {
	rec := j.cookies[k]
	if jar := j.jars[k.port]; jar != nil {
		host := bracketed(k.domain)
		if k.port != "" {
			host += ":" + k.port
		}
		// Without a Domain, the deletion names the cookie by domain, path
		// and name, as cookiejar files a host-only and a domain one alike.
		jar.SetCookies(withPort(&url.URL{Scheme: "https", Host: host, Path: k.path}),
			[]*http.Cookie{{Name: k.name, Path: k.path, MaxAge: -1}})
	}
	j.dropCookie(k, rec)
	key := k.port + "\x00" + k.name
	if i := slices.Index(j.secure[key], secureCookie{domain: k.domain, path: k.path, site: rec.site}); i >= 0 {
		j.forget(key, i)
	}
}

// cookieExpiry is when c expires as cookiejar reads it (zero: at the end
// of the session), or whether it deletes the cookie of its key.
func cookieExpiry(c *http.Cookie, now time.Time) (expires time.Time, deletes bool) {
	switch {
	case c.MaxAge < 0:
		return time.Time{}, true
	case c.MaxAge > 0:
		return now.Add(time.Duration(c.MaxAge) * time.Second), false
	case c.Expires.IsZero():
		return time.Time{}, false
	case !c.Expires.After(now):
		return time.Time{}, true
	}
	return c.Expires, false
}

// sweepCookies drops the records of the cookies expired by now. j.mu is
// held.
func (j *originJar) sweepCookies(now time.Time) {
	for k, rec := range j.cookies {
		if !rec.expires.IsZero() && !rec.expires.After(now) {
			j.dropCookie(k, rec)
		}
	}
}

// dropCookie forgets the record of k. j.mu is held.
func (j *originJar) dropCookie(k cookieKey, rec cookieRecord) {
	delete(j.cookies, k)
	if j.countSite(rec.site, -1) <= 0 {
		delete(j.cookiesPerSite, rec.site)
		delete(j.cookiesBySite, rec.site)
	}
}
