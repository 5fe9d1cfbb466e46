package credential_test

import (
	"net/url"
	"testing"

	"github.com/taroreq/taroreq/internal/credential"
)

// An IPv6 zone names a network interface, and interface names are
// case-sensitive (Linux has eth0 and ETH0 as two): [fe80::1%eth0] and
// [fe80::1%ETH0] are two hosts, so two origins, and a credential for one
// does not go to the other. The address's hex digits are still case-free.
func TestOriginKeepsTheZoneCase(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"http://[fe80::1%25eth0]/", "http://[fe80::1%25ETH0]/", false},
		{"http://[fe80::1%25eth0]/", "http://[FE80::1%25eth0]:80/", true},
		{"http://[FE80::A]/", "http://[fe80::a]/", true},
		{"http://API.test/", "http://api.test:80/", true},
	} {
		a, _ := url.Parse(c.a)
		b, _ := url.Parse(c.b)
		if got := credential.SameOrigin(a, b); got != c.same {
			t.Errorf("SameOrigin(%s, %s) = %v (%s, %s)", c.a, c.b, got, credential.Origin(a), credential.Origin(b))
		}
	}
}
