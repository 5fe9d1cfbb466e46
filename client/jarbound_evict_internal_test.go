package client

import (
	"fmt"
	"net/http"
	"testing"
)

// fill has each of n sites (s0.evil.test … over https) set per cookies,
// Secure ones when secure is set, and returns their URLs.
func fill(t *testing.T, j *originJar, n, per int, secure bool) []string {
	t.Helper()
	var sites []string
	for s := range n {
		u := fmt.Sprintf("https://s%d.evil%d.test/", s, s)
		var cs []*http.Cookie
		for i := range per {
			cs = append(cs, &http.Cookie{Name: fmt.Sprintf("c%d", i), Value: "x", Path: "/", Secure: secure})
		}
		j.SetCookies(mustURL(t, u), cs)
		sites = append(sites, u)
	}
	return sites
}

// held counts the cookies j holds for the sites' URLs.
func held(t *testing.T, j *originJar, sites []string) int {
	n := 0
	for _, s := range sites {
		n += len(j.Cookies(mustURL(t, s)))
	}
	return n
}

// Seventeen sites filling their 180 cookies each bring the jar to its 3000:
// a new site's session is still kept (the oldest cookie of the sites
// holding the most goes, as a browser evicts), and the site that had its
// cookie before the flood keeps it. Secure or not, records and cookies
// stay within the bounds, and an evicted Secure cookie's record goes with
// it.
func TestOriginJarEvictsFromTheLargestSite(t *testing.T) {
	for _, secure := range []bool{false, true} {
		t.Run(fmt.Sprint("secure=", secure), func(t *testing.T) {
			j := newOriginJar()
			bank := mustURL(t, "https://www.bank.test/")
			j.SetCookies(bank, []*http.Cookie{{Name: "old", Value: "1", Path: "/", Secure: secure}})
			sites := fill(t, j, 17, 180, secure)
			shop := mustURL(t, "https://shop.test/")
			j.SetCookies(shop, []*http.Cookie{{Name: "sid", Value: "new-session", Path: "/", Secure: secure}})
			if got := j.Cookies(shop); len(got) != 1 || got[0].Value != "new-session" {
				t.Fatalf("a new site's session after the flood: %v, want it kept", got)
			}
			if got := j.Cookies(bank); len(got) != 1 || got[0].Value != "1" {
				t.Errorf("the site from before the flood holds %v, want its cookie", got)
			}
			if n := held(t, j, sites) + 2; n != maxCookies || len(j.cookies) != maxCookies {
				t.Errorf("the jar holds %d cookies (%d records), want %d", n, len(j.cookies), maxCookies)
			}
			if secure && records(j) != maxCookies {
				t.Errorf("%d Secure records, want one per cookie held (%d)", records(j), maxCookies)
			}
			// The last site's 61 past the bound took the oldest of the
			// largest in turn, until it held as many as they (177: its
			// last 3 refused); the shop's took s10's: s0…s10 lost c0…c3,
			// s11…s15 c0…c2.
			for i, s := range sites {
				want, first := 176, "c4"
				switch {
				case i == 16:
					want, first = 177, "c0"
				case i >= 11:
					want, first = 177, "c3"
				}
				got := j.Cookies(mustURL(t, s))
				if len(got) != want || j.cookiesPerSite[site(mustURL(t, s).Hostname())] != want || !has(got, first) || first != "c0" && has(got, "c0") {
					t.Errorf("%s holds %d cookies (counted %d), want %d from %s on", s, len(got), j.cookiesPerSite[site(mustURL(t, s).Hostname())], want, first)
				}
			}
		})
	}
}

func has(cs []*http.Cookie, name string) bool {
	for _, c := range cs {
		if c.Name == name {
			return true
		}
	}
	return false
}

// A site holding as many as any other gets no new cookie once the jar is
// full: it cannot push out the others to grow past them. Nor can a site
// past its own 180, whatever room there is.
func TestOriginJarFullSiteCrowdsOutOnlyItself(t *testing.T) {
	j := newOriginJar()
	sites := fill(t, j, 20, 150, false) // 3000: full, every site at 150
	u := mustURL(t, sites[3])
	j.SetCookies(u, []*http.Cookie{{Name: "more", Value: "1", Path: "/"}})
	if n := len(j.Cookies(u)); n != 150 {
		t.Errorf("a site as large as any got a new cookie into a full jar: %d held, want 150", n)
	}
	if n := held(t, j, sites); n != maxCookies {
		t.Errorf("%d cookies held, want %d", n, maxCookies)
	}
	k := newOriginJar()
	one := fill(t, k, 1, 180, false)
	k.SetCookies(mustURL(t, one[0]), []*http.Cookie{{Name: "more", Value: "1", Path: "/"}})
	if got := k.Cookies(mustURL(t, one[0])); len(got) != 180 || got[0].Name != "c0" {
		t.Errorf("a site past its share: %d held, want its 180 kept as they were", len(got))
	}
}

// Eviction deletes the very cookie it counts: a domain cookie on a path
// of a host on an explicit port, after a queued cookie deleted and made
// again since (skipped: it is no longer the oldest); the counts and the
// jar agree afterwards.
func TestOriginJarEvictsTheCountedCookie(t *testing.T) {
	j := newOriginJar()
	big := mustURL(t, "https://a.big.test:8443/x/y")
	cs := []*http.Cookie{{Name: "gone", Value: "1", Path: "/"}, {Name: "dom", Value: "1", Domain: "big.test", Path: "/x"}}
	for i := range 178 {
		cs = append(cs, &http.Cookie{Name: fmt.Sprintf("c%d", i), Value: "x", Path: "/"})
	}
	j.SetCookies(big, cs)
	j.SetCookies(big, []*http.Cookie{{Name: "gone", Path: "/", MaxAge: -1}})
	j.SetCookies(big, []*http.Cookie{{Name: "gone", Value: "2", Path: "/"}})
	sites := append(fill(t, j, 15, 180, false), "https://last.test/")
	var last []*http.Cookie
	for i := range 120 {
		last = append(last, &http.Cookie{Name: fmt.Sprintf("c%d", i), Value: "x", Path: "/"})
	}
	j.SetCookies(mustURL(t, sites[15]), last) // 3000: full, nothing evicted yet
	if len(j.Cookies(big)) != 180 || len(j.cookies) != maxCookies {
		t.Fatalf("before: big.test holds %d, the jar %d records", len(j.Cookies(big)), len(j.cookies))
	}
	for i := range 3 {
		j.SetCookies(mustURL(t, fmt.Sprintf("https://new%d.test/", i)), []*http.Cookie{{Name: "sid", Value: "s", Path: "/"}})
	}
	after := j.Cookies(big)
	if len(after) != 179 || has(after, "dom") || !has(after, "gone") || j.cookiesPerSite[portSite("8443", "big.test")] != 179 {
		t.Errorf("big.test holds %d (counted %d), dom %v, gone %v; want 179 without dom", len(after), j.cookiesPerSite[portSite("8443", "big.test")], has(after, "dom"), has(after, "gone"))
	}
	for _, s := range sites[:2] {
		if got := j.Cookies(mustURL(t, s)); len(got) != 179 || has(got, "c0") {
			t.Errorf("%s holds %d, c0 %v; want 179 without c0", s, len(got), has(got, "c0"))
		}
	}
	if len(j.cookies) != maxCookies {
		t.Errorf("%d records, want %d", len(j.cookies), maxCookies)
	}
}

// A network attacker answering the site's plain http fills its 180 places
// with plain cookies: the https login's Secure session is still kept, in
// the place of the oldest plain cookie (RFC 6265bis §5.7), and http can
// neither push it out nor replace it. A plain cookie, from http or https,
// still gets no place in a full site.
func TestOriginJarFullSiteTakesASecureSessionOverPlainCookies(t *testing.T) {
	j := newOriginJar()
	plain, secure := mustURL(t, "http://www.victim.test/"), mustURL(t, "https://www.victim.test/")
	var cs []*http.Cookie
	for i := range 180 {
		cs = append(cs, &http.Cookie{Name: fmt.Sprintf("junk%d", i), Value: "x", Path: "/"})
	}
	j.SetCookies(plain, cs)
	j.SetCookies(secure, []*http.Cookie{{Name: "sid", Value: "alice", Path: "/", Secure: true}})
	got := j.Cookies(secure)
	if len(got) != 180 || !has(got, "sid") || has(got, "junk0") {
		t.Fatalf("after the https login: %d cookies, sid %v, junk0 %v; want 180 with sid in junk0's place", len(got), has(got, "sid"), has(got, "junk0"))
	}
	j.SetCookies(plain, []*http.Cookie{{Name: "more", Value: "x", Path: "/"}, {Name: "sid", Value: "mallory", Path: "/"}})
	for _, c := range j.Cookies(secure) {
		if c.Name == "more" || c.Name == "sid" && c.Value != "alice" {
			t.Errorf("http got %s=%s into the full site", c.Name, c.Value)
		}
	}
	j.SetCookies(secure, []*http.Cookie{{Name: "pref", Value: "x", Path: "/"}})
	if has(j.Cookies(secure), "pref") {
		t.Error("a plain cookie from https took a place in the full site")
	}
}

// A network attacker, who answers the client's plain http requests (and
// redirects them to http hosts of its own), cannot use the jar's eviction
// to push out a Secure session that https set and then fix the session
// over http (RFC 6265bis §5.7: past the bounds, cookies that are not
// Secure go first). It fills the victim's site with cookies over http, so
// that the site holds the most, and then floods other sites until the jar
// evicts; the victim's oldest cookie was its Secure session, which went,
// its record with it, and http then set a session of the attacker's that
// https sent.
func TestOriginJarEvictionSparesSecureCookies(t *testing.T) {
	j := newOriginJar()
	secure := mustURL(t, "https://www.victim.test/")
	plain := mustURL(t, "http://www.victim.test/")
	j.SetCookies(secure, []*http.Cookie{{Name: "sid", Value: "session", Path: "/", Secure: true, HttpOnly: true}})
	var filler []*http.Cookie
	for i := range maxCookiesPerSite - 1 {
		filler = append(filler, &http.Cookie{Name: fmt.Sprint("f", i), Value: "x", Path: "/"})
	}
	j.SetCookies(plain, filler)
	for s := range maxCookies/maxCookiesPerSite + 1 {
		var cs []*http.Cookie
		for i := range maxCookiesPerSite {
			cs = append(cs, &http.Cookie{Name: fmt.Sprint("c", i), Value: "x", Path: "/"})
		}
		j.SetCookies(mustURL(t, fmt.Sprintf("http://evil%d.test/", s)), cs)
	}
	j.SetCookies(plain, []*http.Cookie{{Name: "sid", Value: "attacker", Path: "/"}})
	var sids []string
	for _, c := range j.Cookies(secure) {
		if c.Name == "sid" {
			sids = append(sids, c.Value)
		}
	}
	if len(sids) != 1 || sids[0] != "session" {
		t.Errorf("https://www.victim.test gets sid %v, want its Secure session alone", sids)
	}
	if len(j.cookies) > maxCookies {
		t.Errorf("%d cookies held, want at most %d", len(j.cookies), maxCookies)
	}
}
