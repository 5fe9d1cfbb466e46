package credential

import (
	"strings"
	"testing"
)

// A header's value that is JSON went through JSON's member names alone:
// a PEM private key, an Authorization credential or a vendor's token in
// a string of it, under an everyday name, was kept.
func TestURLHeaderJSONValueTokenShapes(t *testing.T) {
	for _, v := range []string{
		`{"k":"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN\n-----END PRIVATE KEY-----"}`,
		`{"note":"Bearer abc123def456ghi789"}`,
		`{"note":"ghp_ABCDEFabcdef0123456789ABCDEFabcdef01","api_key":"x1"}`,
	} {
		got := Keys(nil).URLHeader("X-Ctx", v)
		if strings.Contains(got, "MIIEvQ") || strings.Contains(got, "abc123def") || strings.Contains(got, "ghp_") {
			t.Errorf("URLHeader(X-Ctx, %s) = %s: want it redacted", v, got)
		}
		if again := Keys(nil).URLHeader("X-Ctx", got); again != got {
			t.Errorf("URLHeader(X-Ctx, %s) = %s: want it unchanged (idempotent)", got, again)
		}
	}
}
