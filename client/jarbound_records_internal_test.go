package client

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"testing"
)

// Answers of many spellings of hosts (upper case, IPv6 literals with and
// without zones, an IPv4-mapped one, explicit default ports, ports with
// leading zeros, public suffixes) setting cookies of assorted domains,
// paths and lifetimes: the bounds hold, and every record of them stands
// for a cookie the jar holds (a record of one cookiejar refused counted in
// another origin's share: TestJarBoundsTakeZonedIPv6ForAnAddress).
func TestJarRecordsStandForHeldCookies(t *testing.T) {
	hosts := []string{"a.example.test", "A.Example.Test", "example.test", "127.0.0.1", "[::1]", "[::1%25x.example.test]", "[::1:8080]",
		"[fe80::1%25eth0]", "localhost", "b.example.test", "[::FFFF:127.0.0.1]", "[0:0::1]", "xn--bcher-kva.example", "co.uk", "x.co.uk"}
	ports := []string{"", ":80", ":443", ":0443", ":8080", ":08080", ":1"}
	domains := []string{"", "example.test", ".example.test", "127.0.0.1", "::1", "co.uk", "x.co.uk", "EXAMPLE.TEST"}
	paths := []string{"/", "/a", "/a/b", ""}
	r := rand.New(rand.NewPCG(1, 2))
	j := newOriginJar()
	for i := 0; i < 12000; i++ {
		scheme := []string{"http", "https", "HTTPS"}[r.IntN(3)]
		u, err := url.Parse(scheme + "://" + hosts[r.IntN(len(hosts))] + ports[r.IntN(len(ports))] + "/p/q")
		if err != nil {
			t.Fatal(err)
		}
		var cs []*http.Cookie
		for k := r.IntN(5); k >= 0; k-- {
			c := &http.Cookie{Name: fmt.Sprintf("n%d", r.IntN(400)), Value: "v", Domain: domains[r.IntN(len(domains))],
				Path: paths[r.IntN(len(paths))], Secure: r.IntN(3) == 0}
			switch r.IntN(6) {
			case 0:
				c.MaxAge = -1
			case 1:
				c.MaxAge = 1000
			}
			cs = append(cs, c)
		}
		j.SetCookies(u, cs)
		_ = j.Cookies(u)
	}
	total := 0
	for s, n := range j.cookiesPerSite {
		if n > maxCookiesPerSite {
			t.Errorf("site %q holds %d", s, n)
		}
		total += n
	}
	if total != len(j.cookies) || total > maxCookies {
		t.Errorf("total %d records %d", total, len(j.cookies))
	}
	missing := 0
	for k, rec := range j.cookies {
		host := bracketed(k.domain)
		if k.port != "" {
			host += ":" + k.port
		}
		u := withPort(&url.URL{Scheme: "https", Host: host, Path: k.path})
		found := false
		for _, c := range j.jars[k.port].Cookies(u) {
			if c.Name == k.name {
				found = true
			}
		}
		if !found {
			missing++
			if missing < 10 {
				t.Errorf("record %+v (%+v) of a cookie the jar does not hold", k, rec)
			}
		}
	}
	if len(j.cookies) < maxCookies {
		t.Errorf("%d records: the answers did not reach the jar's bound, which the test means to pass through", len(j.cookies))
	}
}
