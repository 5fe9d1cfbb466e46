package client

import (
	"net/http"
	"testing"
)

// The jar files the cookies of an IPv6 address under one spelling: a
// session [0:0::1] set is sent to [::1] (one address, one origin), not to
// another address, nor another port.
func TestJarIPv6SpellingsAreOneHost(t *testing.T) {
	j := newOriginJar()
	j.SetCookies(mustURL(t, "http://[0:0::1]:8080/"), []*http.Cookie{{Name: "sid", Value: "alice", Path: "/"}})
	has := func(raw string) bool {
		for _, c := range j.Cookies(mustURL(t, raw)) {
			if c.Name == "sid" && c.Value == "alice" {
				return true
			}
		}
		return false
	}
	for _, raw := range []string{"http://[::1]:8080/", "http://[0000::0001]:8080/x", "http://[0:0:0:0:0:0:0:1]:8080/"} {
		if !has(raw) {
			t.Errorf("%s: the session [0:0::1]:8080 set is not sent", raw)
		}
	}
	for _, raw := range []string{"http://[::2]:8080/", "http://[::1]:8081/", "http://[::1]/", "http://127.0.0.1:8080/"} {
		if has(raw) {
			t.Errorf("%s: got [0:0::1]:8080's session", raw)
		}
	}
}
