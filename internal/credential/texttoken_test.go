package credential

import (
	"strings"
	"testing"
)

// Text (errors, events, logs) let through what URLHeader redacts in a
// header's value: an Authorization value's credential and vendors' tokens
// written in an error's text.
func TestTextRedactsSchemeAndVendorTokens(t *testing.T) {
	for _, c := range []struct{ in, secret string }{
		{"failed: Bearer abc123def456ghi789", "abc123def456ghi789"},
		{"auth header was Basic YWxpY2U6czNjcmV0", "YWxpY2U6czNjcmV0"},
		{"send failed with key SG.aaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb: 401", "SG.aaaa"},
		{"push refused for ghp_ABCDEFabcdef0123456789ABCDEFabcdef01", "ghp_ABCDEF"},
		{"slack: token xoxb-1234567890-abcdefGHIJKL invalid", "xoxb-1234"},
	} {
		got := Keys(nil).Text(c.in)
		if strings.Contains(got, c.secret) || !strings.Contains(got, Redacted) {
			t.Errorf("Keys(nil).Text(%q) = %q: want the credential redacted", c.in, got)
		}
		if again := Keys(nil).Text(got); again != got {
			t.Errorf("Keys(nil).Text(Keys(nil).Text(%q)) = %q, want %q (idempotent)", c.in, again, got)
		}
	}
	// Prose stays.
	for _, s := range []string{
		"the bearer of this token is unknown",
		"Basic auth failed: 401 Unauthorized",
		"sk-SK locale not found",
		"Token expired",
	} {
		if got := Keys(nil).Text(s); got != s {
			t.Errorf("Keys(nil).Text(%q) = %q: want it as it is", s, got)
		}
	}
}
