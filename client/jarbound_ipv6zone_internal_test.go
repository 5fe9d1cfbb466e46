package client

import (
	"fmt"
	"net/http"
	"testing"
)

// An IPv6 literal's zone may hold dots, [::1%25x.example.test]: the host
// is an address, which net/http dials as ::1, and net/http/cookiejar
// takes any host with a ':' or '%' for one (no domain cookie but of the
// address itself, filed under the host as written). The jar's bounds read
// it as a name of example.test: its host-only cookies counted in that
// site's share of 180, and its Domain=example.test cookies, which
// cookiejar refuses, were recorded as held, so that another origin used
// up www.example.test's share (its next session not kept) with cookies
// the jar never held.
func TestJarBoundsTakeZonedIPv6ForAnAddress(t *testing.T) {
	zoned := mustURL(t, "http://[::1%25x.example.test]/")
	www := mustURL(t, "http://www.example.test/")
	junk := func(n int, domain string) []*http.Cookie {
		var cs []*http.Cookie
		for i := range n {
			cs = append(cs, &http.Cookie{Name: fmt.Sprintf("junk%d", i), Value: "x", Path: "/", Domain: domain})
		}
		return cs
	}
	sid := func(j *originJar) bool {
		for _, c := range j.Cookies(www) {
			if c.Name == "sid" && c.Value == "alice" {
				return true
			}
		}
		return false
	}
	for _, domain := range []string{"", "example.test"} {
		t.Run("domain="+domain, func(t *testing.T) {
			j := newOriginJar()
			j.SetCookies(zoned, junk(maxCookiesPerSite, domain))
			j.SetCookies(www, []*http.Cookie{{Name: "sid", Value: "alice", Path: "/"}})
			if !sid(j) {
				t.Error("www.example.test's session not kept after the zoned address filled a share")
			}
			if domain != "" && len(j.cookies) != 1 {
				t.Errorf("%d cookie records, want 1: cookiejar refused the zoned address's domain cookies", len(j.cookies))
			}
		})
	}
}
