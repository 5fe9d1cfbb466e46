package client

import (
	"net/http"
	"net/url"
	"testing"
)

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
