package client

import (
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
	mu   sync.Mutex
	jars map[string]*cookiejar.Jar // by port, "" for the default ones; made on a first SetCookies
}

func newOriginJar() *originJar { return &originJar{jars: make(map[string]*cookiejar.Jar)} }

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
		if !strings.EqualFold(u.Scheme, "https") {
			cookies = leaveSecureAlone(jar, wu, cookies)
		}
		jar.SetCookies(wu, cookies)
	}
}

// leaveSecureAlone drops the cookies a plain http answer must not set, as
// browsers do (RFC 6265bis §5.7): one marked Secure, and one that would
// replace or delete a Secure cookie of the same name that https set for
// the host (cookiejar files both under one name, domain and path): a
// network attacker could otherwise fix the session an https login made.
func leaveSecureAlone(jar *cookiejar.Jar, u *url.URL, cookies []*http.Cookie) []*http.Cookie {
	kept := make([]*http.Cookie, 0, len(cookies))
	for _, c := range cookies {
		if c.Secure || shadowsSecure(jar, u, c) {
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
	port := u.Port()
	if p := strings.TrimLeft(port, "0"); p != port && p != "" {
		port = p // 0443 is 443, as dialed
	}
	switch {
	case strings.EqualFold(u.Scheme, "http"):
		if port == "80" {
			port = ""
		}
	case strings.EqualFold(u.Scheme, "https"):
		if port == "443" {
			port = ""
		}
	default:
		return nil
	}
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

// asciiHost reports whether host is all ASCII.
func asciiHost(host string) bool {
	for i := 0; i < len(host); i++ {
		if host[i] >= 0x80 {
			return false
		}
	}
	return true
}
