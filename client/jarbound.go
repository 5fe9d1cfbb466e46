package client

import (
	"net/http"
	"net/url"
	"strings"
	"time"
)

// The bounds of all the cookies the default jar keeps, a browser's (180 a
// site, about 3000 in all): a server setting ever more names or paths would
// otherwise grow the jar, and the Cookie header of every later request to
// it, without end. Past them, a new cookie is not kept (boundCookies): one
// site filling its share leaves the others theirs. The Secure ones have
// records and bounds of their own too (makeRoomForSecure).
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
}

// boundCookies returns cookies, which an answer of u sets, without the new
// ones past the bounds once the records of expired cookies are dropped, and
// brings the records up to date with what the jar will hold: a cookie
// that deletes (Max-Age below zero, an Expires past) drops its record, one
// that replaces a held one keeps its place. j.mu is held.
func (j *originJar) boundCookies(u *url.URL, cookies []*http.Cookie) []*http.Cookie {
	port := jarPort(u)
	host := strings.ToLower(u.Hostname())
	now := time.Now() // cookiejar's clock: it expires them by it
	swept := false
	return keepCookies(cookies, func(c *http.Cookie) bool {
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
			rec.expires = expires
			j.cookies[k] = rec
			return true
		}
		s := site(d)
		full := func() bool { return len(j.cookies) >= maxCookies || j.cookiesPerSite[s] >= maxCookiesPerSite }
		if full() && !swept {
			j.sweepCookies(now)
			swept = true
		}
		if full() {
			return false
		}
		j.cookies[k] = cookieRecord{site: s, expires: expires}
		j.cookiesPerSite[s]++
		return true
	})
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
	if j.cookiesPerSite[rec.site]--; j.cookiesPerSite[rec.site] <= 0 {
		delete(j.cookiesPerSite, rec.site)
	}
}
