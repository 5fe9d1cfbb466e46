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

// net/textproto folds a line starting with a space into the one before:
// a credential line after a Content-Length or Transfer-Encoding is quoted
// in net/http's error with the value it was folded into.
func TestFoldedHeaderLineValueRedacted(t *testing.T) {
	for _, s := range []string{
		`net/http: HTTP/1.x transport connection broken: bad Content-Length "0 Set-Cookie: sid=SECRET1"`,
		`net/http: HTTP/1.x transport connection broken: unsupported transfer encoding: "chunked Authorization: Bearer SECRET1"`,
		`too many transfer encodings: ["chunked X-Auth-Token: SECRET1"]`,
	} {
		if got := Keys(nil).Text(s); strings.Contains(got, "SECRET1") {
			t.Errorf("Text(%s) = %s", s, got)
		}
	}
	// Linear on a long adversarial value, and no panic when it is cut.
	long := `bad Content-Length "` + strings.Repeat("a ", 1<<19) + `Set-Cookie: SECRET1`
	if got := Keys(nil).Text(long); strings.Contains(got, "SECRET1") {
		t.Error("long folded value shown")
	}
	_ = Keys(nil).Text(`bad Content-Length "0 Set-Cookie\`)
}
