package client

import (
	"strings"
	"testing"
	"time"
)

// Whatever a base URL and an Option URL say: no panic, and what resolves
// is an absolute http(s) URL with a host name (not a port alone) and a port in range, that reads
// back as itself (the cache keeps its text), and whose text has no tab,
// newline or leading/trailing control.
func FuzzResolve(f *testing.F) {
	for _, p := range [][2]string{
		{"https://api.test/v1", "users"}, {"https://api.test/v1/", "/users?a=b c"}, {"http://h", " /x\n"},
		{"https://h/a;b/c", "../../../d"}, {"https://u:p@h:8443/", "//other.test/x"}, {"https://h", "?q#f"},
		{"https://h", "https://[::1]:65536/"}, {"https://h", "http://:80/x"}, {"http://:8080", "x"}, {"https://h/%2e%2e/", "%2e%2e/x"}, {"", "http://h\\x"},
		{"ftp://h", "x"}, {"https://h", "\t\r\n"}, {"https://h/%zz", "a"}, {"https://h", "http://h:0x1/"},
		{"https://h/a\x01b", "x\x7f?y=\x00z#\x1f"}, {"https://h", "http://u\x01@h\x02/"},
	} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, base, raw string) {
		c := New(WithBaseURL(base))
		u, err := c.resolve(raw)
		if err != nil {
			return
		}
		if u.Scheme != "http" && u.Scheme != "https" || u.Hostname() == "" {
			t.Fatalf("%q against %q: %v", raw, base, u)
		}
		s := u.String()
		again, err := parseAbsolute(s)
		if err != nil {
			t.Fatalf("%q against %q gave %q, which does not parse again: %v", raw, base, s, err)
		}
		if again.String() != s {
			t.Fatalf("%q against %q gave %q, then %q", raw, base, s, again.String())
		}
		if CleanURL(raw) != CleanURL(CleanURL(raw)) {
			t.Fatalf("CleanURL(%q) is not idempotent", raw)
		}
	})
}

// A megabyte of adversarial URL resolves (or fails) in linear time.
func TestResolveLinear(t *testing.T) {
	c := New(WithBaseURL("https://api.test/v1"))
	for _, s := range []string{strings.Repeat("../", 1<<19), strings.Repeat("\t", 1<<20) + "x",
		"?" + strings.Repeat("a=%", 1<<18), strings.Repeat("./a/", 1<<18), strings.Repeat(" ", 1<<20)} {
		start := time.Now()
		c.resolve(s)
		if d := time.Since(start); d > 2*time.Second { // 30 ms alone; quadratic would be minutes: a loaded -race run must not fail it
			t.Errorf("%.20q…: %v", s, d)
		}
	}
}
