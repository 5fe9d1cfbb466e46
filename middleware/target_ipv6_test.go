package middleware_test

import (
	"testing"

	"github.com/taroreq/taroreq/middleware"
)

// NormalHost, by which the store and the HTTP cache file (and invalidate)
// an answer, writes the spellings of one IPv6 address as one; a zone is
// kept as written, and another address stays another host.
func TestNormalHostIPv6Spellings(t *testing.T) {
	for _, c := range []struct{ host, scheme, want string }{
		{"[0:0::1]:8080", "http", "[::1]:8080"},
		{"[0000::0001]:80", "http", "[::1]"},
		{"[::FFFF:127.0.0.1]", "https", "[::ffff:127.0.0.1]"},
		{"[FE80:0::1%25eth0]:443", "https", "[fe80::1%25eth0]"},
		{"[fe80::1%25ETH0]:9", "http", "[fe80::1%25ETH0]:9"},
		{"[::2]:8080", "http", "[::2]:8080"},
		{"API.test.:80", "http", "api.test"},
	} {
		if got := middleware.NormalHost(c.host, c.scheme); got != c.want {
			t.Errorf("NormalHost(%q, %s) = %q, want %q", c.host, c.scheme, got, c.want)
		}
	}
}
