package client

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// The records of the Secure cookies https set do not outgrow the jar: a
// hostile https server that sets ever more Secure names, expired at once
// or not, leaves at most a browser's share of records (and cookies) for
// its site, and another site still gets its own Secure session, which http
// still cannot shadow.
func TestOriginJarSecureRecordsBounded(t *testing.T) {
	j := newOriginJar()
	evil := mustURL(t, "https://evil.example.net/")
	for n := range 8 {
		var cs []*http.Cookie
		for i := range 300 {
			c := &http.Cookie{Name: fmt.Sprintf("c%d_%d", n, i), Value: "x", Secure: true, Path: "/"}
			if n%2 == 0 {
				c.Expires = time.Unix(1, 0) // deleted at once: nothing to record
			}
			cs = append(cs, c)
		}
		j.SetCookies(evil, cs)
	}
	const perSite = 180 // a browser's cookies per domain
	if n, kept := records(j), len(j.Cookies(evil)); n > perSite || kept > perSite {
		t.Errorf("%d records and %d cookies of one site, want at most %d", n, kept, perSite)
	}
	www := mustURL(t, "https://www.example.com/")
	j.SetCookies(www, []*http.Cookie{{Name: "sid", Value: "session", Secure: true, Path: "/"}})
	static := mustURL(t, "http://static.example.com/")
	j.SetCookies(static, []*http.Cookie{{Name: "sid", Value: "planted", Domain: "example.com", Path: "/"}})
	if got := j.Cookies(www); len(got) != 1 || got[0].Value != "session" {
		t.Errorf("www gets %v, want its Secure session alone", got)
	}
}

// Once https deleted its Secure cookie, by whatever form (Max-Age=0, an
// Expires past, a cookie that is not Secure in its place), http may set
// one of that name again, on the host and from a sibling, as a browser
// lets it: the record went with the cookie.
func TestOriginJarSecureRecordGoesWithTheCookie(t *testing.T) {
	www := mustURL(t, "https://www.example.com/")
	plain := mustURL(t, "http://www.example.com/")
	static := mustURL(t, "http://static.example.com/")
	for _, del := range []*http.Cookie{
		{Name: "sid", Secure: true, Domain: "example.com", Path: "/", MaxAge: -1},
		{Name: "sid", Secure: true, Domain: "example.com", Path: "/", Expires: time.Unix(1, 0)},
		{Name: "sid", Domain: "example.com", Path: "/", Expires: time.Unix(1, 0)},
		{Name: "sid", Value: "now-plain", Domain: "example.com", Path: "/"},
	} {
		j := newOriginJar()
		j.SetCookies(www, []*http.Cookie{{Name: "sid", Value: "session", Secure: true, Domain: "example.com", Path: "/"}})
		j.SetCookies(static, []*http.Cookie{{Name: "sid", Value: "planted", Domain: "example.com", Path: "/"}})
		if got := j.Cookies(www); len(got) != 1 || got[0].Value != "session" {
			t.Fatalf("www gets %v, want its Secure session alone", got)
		}
		j.SetCookies(www, []*http.Cookie{del})
		j.SetCookies(static, []*http.Cookie{{Name: "sid", Value: "sibling", Domain: "example.com", Path: "/"}})
		j.SetCookies(plain, []*http.Cookie{{Name: "lang", Value: "fr", Path: "/"}, {Name: "sid", Value: "host", Path: "/"}})
		got := fmt.Sprint(j.Cookies(plain))
		if len(j.Cookies(plain)) != 3 || !strings.Contains(got, "sid=host") || !strings.Contains(got, "sid=sibling") || !strings.Contains(got, "lang=fr") {
			t.Errorf("after https set %s, http://www.example.com gets %s, want both of http's sid and lang", del, got)
		}
		if n := records(j); n != 0 {
			t.Errorf("after https set %s: %d records left", del, n)
		}
	}
}

// records counts j's records of Secure cookies.
func records(j *originJar) int {
	n := 0
	for _, recs := range j.secure {
		n += len(recs)
	}
	return n
}

// A Secure cookie of a loopback or localhost host, which cookiejar sends
// over http as well, and of any IP address, is recorded and forgotten as
// any other; each IP address is a site of its own.
func TestOriginJarSecureRecordsOfAddresses(t *testing.T) {
	j := newOriginJar()
	for _, h := range []string{"https://[::1]:8443/", "https://127.0.0.1/", "https://10.0.0.1/", "https://app.localhost/"} {
		u := mustURL(t, h)
		j.SetCookies(u, []*http.Cookie{{Name: "sid", Value: "s", Secure: true, Path: "/"}})
		if n := records(j); n != 1 {
			t.Errorf("%s: %d records, want 1", h, n)
		}
		j.SetCookies(u, []*http.Cookie{{Name: "sid", Secure: true, Path: "/", Expires: time.Unix(1, 0)}})
		if n := records(j); n != 0 {
			t.Errorf("%s: %d records once deleted, want 0", h, n)
		}
	}
	if site("10.0.0.1") == site("127.0.0.1") {
		t.Error("two IP addresses taken for one site")
	}
}

// A Secure cookie with a Max-Age and an Expires past is kept, Max-Age
// winning, and so is its record: http cannot shadow it from a sibling.
func TestOriginJarSecureRecordMaxAgeWins(t *testing.T) {
	j := newOriginJar()
	www := mustURL(t, "https://www.example.com/")
	j.SetCookies(www, []*http.Cookie{{Name: "sid", Value: "session", Secure: true, Path: "/", MaxAge: 3600, Expires: time.Unix(1, 0)}})
	j.SetCookies(mustURL(t, "http://static.example.com/"), []*http.Cookie{{Name: "sid", Value: "planted", Domain: "example.com", Path: "/app"}})
	if got := j.Cookies(mustURL(t, "https://www.example.com/app")); len(got) != 1 || got[0].Value != "session" {
		t.Errorf("www gets %v, want its Secure session alone", got)
	}
}

// The records of where https set Secure cookies: a sibling's http domain
// cookie of that name is dropped only where it would meet one (domain
// either way, path under the Secure one's), and no longer once https
// deleted it; a Domain that is a public suffix records the host alone.
func TestOriginJarSecureRecords(t *testing.T) {
	u := func(s string) *url.URL {
		v, err := url.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	plant := func(j *originJar, c *http.Cookie) bool {
		return len(j.leaveSecureAlone(j.jar(u("http://static.example.com/"), true), u("http://static.example.com/"), []*http.Cookie{c})) == 0
	}
	j := newOriginJar()
	j.SetCookies(u("https://www.example.com/"), []*http.Cookie{
		{Name: "sid", Value: "s", Secure: true, Path: "/app"},
		{Name: "tld", Value: "s", Secure: true, Domain: "com", Path: "/"},
	})
	for _, tt := range []struct {
		c       *http.Cookie
		dropped bool
	}{
		{&http.Cookie{Name: "sid", Value: "x", Domain: "example.com", Path: "/app/x"}, true},
		{&http.Cookie{Name: "sid", Value: "x", Domain: ".EXAMPLE.com", Path: "/app"}, true},
		{&http.Cookie{Name: "sid", Value: "x", Domain: "example.com", Path: "/"}, false}, // not under /app
		{&http.Cookie{Name: "sid", Value: "x", Domain: "example.com", Path: "/application"}, false},
		{&http.Cookie{Name: "sid", Value: "x", Path: "/app"}, false},                          // host-only on static
		{&http.Cookie{Name: "other", Value: "x", Domain: "example.com", Path: "/app"}, false}, // another name
		{&http.Cookie{Name: "tld", Value: "x", Domain: "example.com", Path: "/"}, false},      // Domain=com was refused
	} {
		if got := plant(j, tt.c); got != tt.dropped {
			t.Errorf("%s: dropped %v, want %v", tt.c, got, tt.dropped)
		}
	}
	j.SetCookies(u("https://www.example.com/"), []*http.Cookie{{Name: "sid", Value: "", Secure: true, Path: "/app", MaxAge: -1}})
	if plant(j, &http.Cookie{Name: "sid", Value: "x", Domain: "example.com", Path: "/app"}) {
		t.Error("a Secure cookie https deleted still keeps http's of its name out")
	}
}

// A record of where the jar holds a Secure cookie lives with that cookie
// alone: an https server holding one Secure cookie at / that sets and then
// removes the same name on ever more paths leaves no record behind, where
// the one at / (sent to every such path) kept them all alive, so that the
// records grew without bound and, past maxSecure, every https answer of
// any site swept them all under the jar's lock, to no avail.
func TestOriginJarSecureRecordsLiveWithTheirOwnCookie(t *testing.T) {
	j := newOriginJar()
	u := mustURL(t, "https://evil.test/")
	j.SetCookies(u, []*http.Cookie{{Name: "s", Value: "anchor", Path: "/", Secure: true}})
	for round := range 40 {
		var set, del []*http.Cookie
		for i := range 170 {
			p := fmt.Sprintf("/r%d/p%d", round, i)
			set = append(set, &http.Cookie{Name: "s", Value: "x", Path: p, Secure: true})
			del = append(del, &http.Cookie{Name: "s", Path: p, Secure: true, MaxAge: -1})
		}
		j.SetCookies(u, set)
		j.SetCookies(u, del)
	}
	if n := records(j); n != 1 || j.nsecure != 1 {
		t.Errorf("%d records (nsecure %d) for the one Secure cookie the jar holds, want 1", n, j.nsecure)
	}
	// The anchor's record still guards it: http cannot shadow it.
	plain := mustURL(t, "http://evil.test/")
	j.SetCookies(plain, []*http.Cookie{{Name: "s", Value: "fixed", Path: "/"}})
	if got := j.Cookies(u); len(got) != 1 || got[0].Value != "anchor" {
		t.Errorf("https://evil.test/ is sent %v, want the Secure s=anchor alone", got)
	}
	// A Secure cookie that https replaces by a plain one loses its record.
	j.SetCookies(u, []*http.Cookie{{Name: "s", Value: "plain", Path: "/"}})
	if n := records(j); n != 0 {
		t.Errorf("%d records once https made s plain, want 0", n)
	}
}
