package credential

import (
	"strings"
	"testing"
)

// net/http quotes the first line (or word) of what a server sent where an
// answer should begin: on a kept-alive connection, maybe the late end of
// another user's answer. Withheld, in any text the client shows, however
// it is quoted around.
func TestServerBytesWithheld(t *testing.T) {
	for _, s := range []string{
		`net/http: HTTP/1.x transport connection broken: malformed HTTP response "{\"secret\":\"alice\"}"`,
		`malformed HTTP response "alice \"x\"" (earlier attempts: malformed HTTP response "alice")`,
		`malformed HTTP version "alice"`,
		`malformed HTTP response "alice`, // cut short
		`malformed HTTP response "\"alice\\"`,
	} {
		got := Keys(nil).Text(s)
		if strings.Contains(got, "alice") || !strings.Contains(got, withheldServerBytes) {
			t.Errorf("Text(%s) = %s", s, got)
		}
		if again := Keys(nil).Text(got); again != got {
			t.Errorf("Text twice: %s, then %s", got, again)
		}
	}
	for _, s := range []string{"malformed HTTP response", `malformed HTTP response x "y"`, `unexpected EOF reading "alice"`} {
		if got := Keys(nil).Text(s); got != s {
			t.Errorf("Text(%s) = %s; want it as it is", s, got)
		}
	}
}
