package credential

import (
	"strings"
	"testing"
)

// A URL in text form with spaces or controls around it is the trimmed URL
// to fetch and to the client (client.CleanURL): " //alice:pw@h/x" has
// userinfo, which url.Parse, reading a path, would keep.
func TestStringTrimsAsFetchBeforeJudgingUserinfo(t *testing.T) {
	for _, in := range []string{
		" //alice:SEC1@h/x",
		"\x01 //alice:SEC1@h/x",
		"//alice:SEC1@h/x ",
		"\v/\t/alice:SEC1@h/x?q=1",
		" /\\alice:SEC1@h/x",
	} {
		if got := String(in); strings.Contains(got, "SEC1") || strings.Contains(got, "alice") {
			t.Errorf("String(%q) = %q", in, got)
		}
	}
	if got, want := String(" /x?a=b@c "), "/x?a=b@c "; got != want {
		t.Errorf("String(%q) = %q, want %q", " /x?a=b@c ", got, want)
	}
}
