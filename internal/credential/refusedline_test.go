package credential

import (
	"strings"
	"testing"
)

// A credential header line net/textproto refuses for a byte after the name
// (not a control byte) or for a missing colon is quoted whole in its error:
// the session value after the name must not show.
func TestRefusedHeaderLineValueRedacted(t *testing.T) {
	for _, s := range []string{
		`net/http: HTTP/1.x transport connection broken: malformed MIME header line: "Set-Cookie(: sid=SECRET1"`,
		`net/http: HTTP/1.x transport connection broken: malformed MIME header line: "Set-Cookie\"x: sid=SECRET1"`,
		`net/http: HTTP/1.x transport connection broken: malformed MIME header: missing colon: "Set-Cookie sid=SECRET1"`,
		`net/http: HTTP/1.x transport connection broken: malformed MIME header: missing colon: "Authorization SECRET1"`,
		`malformed MIME header initial line: " Authorization Bearer SECRET1"`,
	} {
		got := Keys(nil).Text(s)
		if strings.Contains(got, "SECRET1") {
			t.Errorf("Text(%s) = %s", s, got)
		}
	}
	// Prose that quotes a credential name without a refused line keeps
	// its words.
	s := `field "Authorization" token: abc`
	if got := Keys(nil).Text(s); got != s {
		t.Errorf("Text(%s) = %s", s, got)
	}
}
