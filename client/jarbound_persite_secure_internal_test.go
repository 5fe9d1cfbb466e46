package client

import (
	"fmt"
	"net/http"
	"testing"
)

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
