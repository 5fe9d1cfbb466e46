package client

import (
	"fmt"
	"net/http"
	"testing"
)

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
