package credential

import (
	"strings"
	"testing"
)

// A server that writes a header line where the status line goes has the
// line's second word quoted as the status code net/http refuses: the
// value of "Set-Cookie: sid=…" or "X-Api-Key: …", without its name.
func TestMalformedStatusCodeThatIsNoNumberRedacted(t *testing.T) {
	for _, s := range []string{
		`net/http: HTTP/1.x transport connection broken: malformed HTTP status code "a=SECRET1"`,
		`malformed HTTP status code "SECRET1" (earlier attempts: malformed HTTP status code "SECRET1")`,
		`malformed HTTP status code "a=\"SECRET1`,
		`malformed HTTP status code "8675309123"`, // X-Api-Key: 8675309123 first
	} {
		got := Keys(nil).Text(s)
		if strings.Contains(got, "SECRET1") || strings.Contains(got, "8675309123") {
			t.Errorf("Text(%s) = %s", s, got)
		}
		if again := Keys(nil).Text(got); again != got {
			t.Errorf("Text twice: %s, then %s", got, again)
		}
	}
	// A number is the server's wrong status code: kept.
	for _, s := range []string{`malformed HTTP status code "2000"`, `malformed HTTP status code "20"`, `malformed HTTP status code ""`} {
		if got := Keys(nil).Text(s); got != s {
			t.Errorf("Text(%s) = %s", s, got)
		}
	}
}
