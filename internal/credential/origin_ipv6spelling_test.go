package credential_test

import (
	"net/url"
	"testing"

	"github.com/taroreq/taroreq/internal/credential"
)

// The spellings of one IPv6 address are one host, so one origin: [::1],
// [0:0::1], [0000::0001], [0:0:0:0:0:0:0:1], upper or lower hex, and an
// IPv4-mapped address written with its dotted tail or in hex. They were
// compared as text, so a redirect or a backup to [0:0::1] was taken for
// another origin than [::1] (its credentials withheld, a same-origin call
// refused). Another address, another zone, and the IPv4 address an
// IPv4-mapped one maps stay other origins.
func TestOriginIPv6Spellings(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"http://[::1]:8080/", "http://[0:0::1]:8080/", true},
		{"http://[::1]/", "http://[0000::0001]:80/", true},
		{"https://[::1]/", "https://[0:0:0:0:0:0:0:1]/", true},
		{"http://[2001:DB8::A]/", "http://[2001:0db8:0:0::000a]/", true},
		{"http://[::FFFF:127.0.0.1]/", "http://[::ffff:7f00:1]/", true},
		{"http://[fe80::1%25eth0]/", "http://[fe80:0::0001%25eth0]/", true},
		{"http://[fe80::1%25eth0]/", "http://[fe80:0::0001%25eth1]/", false},
		{"http://[fe80::1%25eth0]/", "http://[fe80::1]/", false},
		{"http://[::1]/", "http://[::2]/", false},
		{"http://[::1]:8080/", "http://[0:0::1]:8081/", false},
		{"http://[::ffff:127.0.0.1]/", "http://127.0.0.1/", false},
		{"http://[::1]/", "https://[0::1]/", false},
	} {
		a, _ := url.Parse(c.a)
		b, _ := url.Parse(c.b)
		if got := credential.SameOrigin(a, b); got != c.same {
			t.Errorf("SameOrigin(%s, %s) = %v (%s, %s)", c.a, c.b, got, credential.Origin(a), credential.Origin(b))
		}
	}
	for in, want := range map[string]string{
		"[0:0::1]": "[::1]", "0000::0001": "::1", "[FE80::1%eth0]": "[fe80::1%eth0]", "fe80::1%ETH0": "fe80::1%ETH0",
		"API.test": "api.test", "[not-an-address]": "[not-an-address]", "127.0.0.1": "127.0.0.1",
	} {
		if got := credential.CanonicalHost(in); got != want {
			t.Errorf("CanonicalHost(%q) = %q, want %q", in, got, want)
		}
	}
}
