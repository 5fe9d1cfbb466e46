package middleware

import (
	"net/http"
	"testing"
)

// The session checks split Cache-Control on every comma, so a word of a
// quoted argument counted as a directive: private="a, public" made an
// answer handing out a session public (HandsSession false: the store kept
// it for every caller without credentials), where RFC 9111's grammar, and
// the HTTP cache's parser, read a and public as private's field names.
// HasDirective reads quoted arguments whole.
func TestQuotedArgumentsAreNotDirectives(t *testing.T) {
	for _, tc := range []struct {
		v                 string
		public, malformed bool
	}{
		{"public", true, false},
		{"max-age=60, PUBLIC", true, false},
		{"public=1", true, false},
		{`private="a, public"`, false, false},
		{`private="a, public, b"`, false, false},
		{`no-cache="x,public", max-age=5`, false, false},
		{`private="a\", public"`, false, false},
		{`private="a, b", public`, true, false},
		{`private = "a, public"`, false, false},
		{`private="a, public`, false, true},
		{`private="a" public, max-age=5`, false, false},
		{"", false, false},
	} {
		found, malformed := HasDirective([]string{tc.v}, "public")
		if found != tc.public || malformed != tc.malformed {
			t.Errorf("%s: found %v malformed %v, want %v %v", tc.v, found, malformed, tc.public, tc.malformed)
		}
		h := http.Header{"Set-Cookie": {"sid=1"}, "Cache-Control": {tc.v}}
		if got, want := FieldsOf(h, nil).HandsSession, !tc.public || tc.malformed; got != want {
			t.Errorf("%s: HandsSession %v, want %v", tc.v, got, want)
		}
		if got, want := HandsSession(h), !tc.public || tc.malformed; got != want {
			t.Errorf("%s: HandsSession() %v, want %v", tc.v, got, want)
		}
	}
	if found, _ := HasDirective([]string{`private="x"`, "public"}, "public"); !found {
		t.Error("a directive on a second line not found")
	}
}
