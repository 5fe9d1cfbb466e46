package credential

import (
	"net/http"
	"strings"
	"testing"
)

// TestEchoedSecretsLongestFirst: when one credential is inside another
// (an API key that a longer token starts with, a cookie value another
// cookie's extends), an echo of the longer one is redacted whole, not as
// the shorter one's REDACTED followed by the rest of it, whatever order
// the header map gives the secrets in, or several requests' lists
// appended.
func TestEchoedSecretsLongestFirst(t *testing.T) {
	for range 64 {
		h := http.Header{
			"X-Api-Key":     {"key-12345678"},
			"Authorization": {"Bearer key-12345678-rest-of-the-token"},
			"Cookie":        {"a=ck-abcdefgh; b=ck-abcdefgh-rest-of-b"},
		}
		echo := http.Header{"X-Echo": {"tok=key-12345678-rest-of-the-token b=ck-abcdefgh-rest-of-b"}}
		RedactEchoes(echo, EchoedSecrets(h, nil, nil))
		if got := echo.Get("X-Echo"); strings.Contains(got, "rest-of") {
			t.Fatalf("a longer credential redacted as a shorter one inside it: %q", got)
		}
		// Several requests' secrets appended (taroreq -v's attempts).
		two := append(EchoedSecrets(http.Header{"X-Api-Key": {"key-12345678"}}, nil, nil),
			EchoedSecrets(http.Header{"Authorization": {"Bearer key-12345678-rest-of-the-token"}}, nil, nil)...)
		echo = http.Header{"X-Echo": {"tok=key-12345678-rest-of-the-token"}}
		RedactEchoes(echo, two)
		if got := echo.Get("X-Echo"); strings.Contains(got, "rest-of") {
			t.Fatalf("a longer credential of another request redacted as a shorter one inside it: %q", got)
		}
		body, _ := RedactEchoedBytes([]byte("key-12345678-rest-of-the-token"), EchoedSecrets(h, nil, nil))
		if strings.Contains(string(body), "rest-of") {
			t.Fatalf("a longer credential redacted as a shorter one inside it in a body: %q", body)
		}
	}
}
