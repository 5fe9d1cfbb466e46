package store

import (
	"net/http"
	"net/url"
	"testing"
)

// urlSpellings are URLs formatsAs must read as URL.String writes them:
// usual ones, and every branch where String does something of its own.
var urlSpellings = []string{
	"http://a.test/p?q=1",
	"http://a.test",
	"http://a.test?",
	"http://a.test/?",
	"https://a.test:8443/a/b%2Fc?x=%20y",
	"http://a.test/p%20q/r",
	"http://a.test/caf%C3%A9",
	"http://[::1]:80/p",
	"http://[fe80::1%25eth0]/p",
	"http://user:pw@a.test/p",
	"http://a.test/p#frag",
	"http://a.test/p?q=1#f%20g",
	"http://ex%C3%A4mple.test/p",
	"http://A.Test/P",
	"http://a.test/*",
	"mailto:x@y",
	"http:opaque?q",
	"http://a.test/p?a=1&b=2;c=%3B",
}

// formatsAs says yes to exactly the text String makes, for every spelling,
// changed the ways a layer changes a URL in place.
func TestFormatsAsIsString(t *testing.T) {
	for _, raw := range urlSpellings {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatalf("%q: %v", raw, err)
		}
		variants := []func(*url.URL){
			func(*url.URL) {},
			func(u *url.URL) { u.RawQuery += "&token=alice" },
			func(u *url.URL) { u.RawQuery = "" },
			func(u *url.URL) { u.ForceQuery = !u.ForceQuery },
			func(u *url.URL) { u.Host = "b.test" },
			func(u *url.URL) { u.Host += ":81" },
			func(u *url.URL) { u.Path += "x"; u.RawPath = "" },
			func(u *url.URL) { u.Path = "rel"; u.RawPath = "" },
			func(u *url.URL) { u.Scheme = "https" },
			func(u *url.URL) { u.User = url.User("bob") },
			func(u *url.URL) { u.Fragment = "x" },
		}
		for i, change := range variants {
			c := *u
			change(&c)
			for _, text := range []string{u.String(), c.String(), c.String() + "x", "", raw} {
				if got, want := formatsAs(&c, text), c.String() == text; got != want {
					t.Errorf("%q, change %d: formatsAs(%q, %q) = %v, want %v", raw, i, c.String(), text, got, want)
				}
			}
		}
	}
}

// The usual URL is compared without being formatted.
func TestFormatsAsAllocatesNothing(t *testing.T) {
	u, _ := url.Parse("http://a.test:8080/items/7?page=2&q=taro")
	text := u.String()
	req := &http.Request{URL: u, Host: u.Host}
	if n := testing.AllocsPerRun(100, func() {
		if !sentAs(req, text) {
			t.Fatal("not sent as its own text")
		}
	}); n != 0 {
		t.Fatalf("%v allocations", n)
	}
}

// A Host header naming another host is another target whatever the URL.
func TestSentAsHostHeader(t *testing.T) {
	u, _ := url.Parse("http://a.test/p")
	if sentAs(&http.Request{URL: u, Host: "tenant.test"}, u.String()) {
		t.Fatal("another Host is the same target")
	}
}

func FuzzFormatsAs(f *testing.F) {
	for _, raw := range urlSpellings {
		f.Add(raw, raw)
	}
	f.Fuzz(func(t *testing.T, raw, text string) {
		u, err := url.Parse(raw)
		if err != nil {
			return
		}
		if got, want := formatsAs(u, text), u.String() == text; got != want {
			t.Fatalf("formatsAs(%q, %q) = %v, want %v", u.String(), text, got, want)
		}
		if !formatsAs(u, u.String()) {
			t.Fatalf("%q is not its own text", u.String())
		}
	})
}

// The byte tables formatsAs reads are net/url's escaping, byte by byte.
func TestPlainBytesAreNetURLs(t *testing.T) {
	for c := 0; c < 256; c++ {
		b := string([]byte{byte(c)})
		host := url.URL{Scheme: "h", Host: "a" + b + "b"}
		if got, want := plainInHost[c], host.String() == "h://a"+b+"b"; got != want {
			t.Errorf("byte %#x in a host: plain %v, net/url says %v", c, got, want)
		}
		path := url.URL{Path: "/a" + b + "b"}
		if got, want := plainInPath[c], path.EscapedPath() == "/a"+b+"b"; got != want {
			t.Errorf("byte %#x in a path: plain %v, net/url says %v", c, got, want)
		}
		for _, p := range []string{"/a" + b, b, b + b, "*", "/*"} {
			u := url.URL{Path: p}
			if got, want := escapedPath(&u), u.EscapedPath(); got != want {
				t.Errorf("escapedPath(%q) = %q, want %q", p, got, want)
			}
		}
	}
}

// samePath is the comparison of the escaped paths, for every pair of
// spellings, and for paths that differ only in RawPath.
func TestSamePathIsEscapedPaths(t *testing.T) {
	var urls []*url.URL
	for _, raw := range append(urlSpellings, "http://a.test/a%2Fb", "http://a.test/a/b", "http://a.test/a%2fb") {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		urls = append(urls, u)
	}
	for _, a := range urls {
		for _, b := range urls {
			if got, want := samePath(a, b), a.EscapedPath() == b.EscapedPath(); got != want {
				t.Errorf("samePath(%q, %q) = %v, want %v", a, b, got, want)
			}
		}
	}
}
