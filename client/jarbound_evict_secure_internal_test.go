package client

import (
	"fmt"
	"net/http"
	"testing"
)

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
