package client

import (
	"fmt"
	"net/http"
	"testing"
)

// The jar's share of 180 cookies is counted per site and explicit port
// (portSite): an IPv6 host with a port and another host whose address
// ends in those digits are two origins, with two shares. The port was
// joined to the host with a colon, so [::1]:8080 and [::1:8080] (on
// http's default port) counted as one site: the second could use up the
// first's share, so that the session it set next was not kept, or push
// its plain session out with a Secure cookie over https.
func TestJarBoundsKeepIPv6PortsApartFromAddresses(t *testing.T) {
	api := mustURL(t, "http://[::1]:8080/")
	other := mustURL(t, "http://[::1:8080]/")
	junk := func(n int, secure bool) []*http.Cookie {
		var cs []*http.Cookie
		for i := range n {
			cs = append(cs, &http.Cookie{Name: fmt.Sprintf("junk%d", i), Value: "x", Path: "/", Secure: secure})
		}
		return cs
	}
	sid := func(j *originJar) bool {
		for _, c := range j.Cookies(api) {
			if c.Name == "sid" && c.Value == "alice" {
				return true
			}
		}
		return false
	}

	j := newOriginJar()
	j.SetCookies(other, junk(maxCookiesPerSite, false))
	j.SetCookies(api, []*http.Cookie{{Name: "sid", Value: "alice", Path: "/"}})
	if !sid(j) {
		t.Error("[::1]:8080's session not kept after [::1:8080] filled its own share")
	}

	k := newOriginJar()
	k.SetCookies(api, []*http.Cookie{{Name: "sid", Value: "alice", Path: "/"}})
	k.SetCookies(other, junk(maxCookiesPerSite-1, false))
	k.SetCookies(mustURL(t, "https://[::1:8080]/"), []*http.Cookie{{Name: "s", Value: "x", Path: "/", Secure: true}})
	if !sid(k) {
		t.Error("[::1]:8080's session pushed out by a Secure cookie of https://[::1:8080]")
	}
	if n := len(k.Cookies(other)); n != maxCookiesPerSite-1 {
		t.Errorf("[::1:8080] holds %d cookies, want its %d", n, maxCookiesPerSite-1)
	}
}
