package client

import (
	"net/http"
	"net/url"
	"testing"
)

// The default jar keeps explicit ports apart; http's and https's default
// ports share one jar; domain cookies within one span hosts.
func TestOriginJarKeepsPortsApart(t *testing.T) {
	j := newOriginJar()
	mustURL := func(s string) *url.URL {
		u, err := url.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	j.SetCookies(mustURL("http://127.0.0.1:8080/login"), []*http.Cookie{{Name: "sid", Value: "A", Path: "/"}})
	j.SetCookies(mustURL("https://auth.example.com/"), []*http.Cookie{{Name: "sso", Value: "S", Path: "/", Domain: "example.com", Secure: true}})
	j.SetCookies(mustURL("http://shop.test/login"), []*http.Cookie{{Name: "cart", Value: "C", Path: "/"}})
	j.SetCookies(mustURL("ftp://127.0.0.1/"), []*http.Cookie{{Name: "x", Value: "y"}})
	j.SetCookies(mustURL("http://[::1]:80/"), []*http.Cookie{{Name: "v6", Value: "1", Path: "/"}})
	j.SetCookies(mustURL("http://other.test:/login"), []*http.Cookie{{Name: "e", Value: "3", Path: "/"}})
	j.SetCookies(mustURL("http://[::2]:/login"), []*http.Cookie{{Name: "v6b", Value: "4", Path: "/"}})
	j.SetCookies(mustURL("http://example.test/login"), []*http.Cookie{{Name: "dom", Value: "2", Path: "/", Domain: "example.test"}})
	for raw, want := range map[string]string{
		"http://127.0.0.1:8080/x":       "sid=A",
		"HTTP://127.0.0.1:8080/x":       "sid=A",
		"http://127.0.0.1:9090/x":       "",
		"http://127.0.0.1/x":            "",
		"https://127.0.0.1:8080/x":      "sid=A", // the port, not the scheme
		"https://api.example.com/v1":    "sso=S",
		"https://api.example.com:443/v": "sso=S",
		"http://api.example.com/v1":     "", // a Secure cookie
		"http://api.example.com:443/v1": "",
		"https://api.example.com:8443/": "",
		"ftp://127.0.0.1/":              "",
		"https://shop.test/account":     "cart=C", // http to https keeps a session
		"http://shop.test:80/":          "cart=C",
		"https://shop.test:8443/":       "",
		"https://shop.test:0443/":       "cart=C",
		"http://127.0.0.1:08080/x":      "sid=A",
		"http://[::1]/":                 "v6=1",
		"https://[::1]:443/":            "v6=1",
		"http://[::1]:8080/":            "",
		"http://[::1]:/":                "v6=1",
		"http://example.test:/x":        "dom=2",
		"http://a.example.test/x":       "dom=2",
		"http://other.test/x":           "e=3",
		"http://[::2]/x":                "v6b=4",
	} {
		got := ""
		for _, c := range j.Cookies(mustURL(raw)) {
			got += c.Name + "=" + c.Value
		}
		if got != want {
			t.Errorf("Cookies(%s) = %q, want %q", raw, got, want)
		}
	}
	other := mustURL("http://127.0.0.1:9090/x")
	if n := testing.AllocsPerRun(100, func() { j.Cookies(other) }); n != 0 {
		t.Errorf("a lookup of a port with no cookies allocates %v times", n)
	}
}
