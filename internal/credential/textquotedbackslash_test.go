package credential

import (
	"strings"
	"testing"
	"time"
)

// A quote after an escaped backslash (\\", a quoted word that ends in a
// backslash, "C:\\") is not escaped: it closes the word, and what follows
// is prose, as after any other quoted word (f2922eb). It was taken for the
// opening of a line quoted again (\"), and "open "C:\\" password: wrong"
// lost its end. A line quoted again or thrice is still redacted.
func TestTextLeavesProseAfterAQuotedWordEndingInABackslash(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`open "C:\\" password: wrong`, `open "C:\\" password: wrong`},
		{`dir "a\\b\\"  Token: none`, `dir "a\\b\\"  Token: none`},
		{`wrapped: "line: \" Set-Cookie: sid=s3cr3t\""`, `wrapped: "line: \" Set-Cookie: REDACTED"`},
		{`w: "x: \"line: \\\" Cookie: a=s3cr3t\\\"\""`, `w: "x: \"line: \\\" Cookie: REDACTED"`},
		{`w: "line: \"\\x01Set-Cookie: sid=s3cr3t\""`, `w: "line: \"\\x01Set-Cookie: REDACTED"`},
	} {
		if got := Keys(nil).Text(tc.in); got != tc.want {
			t.Errorf("Text(%s)\n = %s\nwant %s", tc.in, got, tc.want)
		}
	}
	// Linear: a long run of backslashes before each of many quotes.
	s := strings.Repeat(strings.Repeat(`\`, 511)+`"`, 2048)
	start := time.Now()
	Keys(nil).Text(s)
	if d := time.Since(start); d > time.Second {
		t.Errorf("1 MiB of backslash runs and quotes took %v", d)
	}
}
