package credential

import "testing"

// A quote that closes a quoted word, then a space and a word that names a
// credential header and a colon, is prose, not a quoted header line: it
// stayed as it was until the spaces and escapes before a quoted name were
// skipped (for "malformed MIME header initial line: \" Set-Cookie: …\"")
// after any quote, and "open "a.txt" password: wrong" lost its end. A line
// quoted after "line: ", or quoted again, is still redacted.
func TestTextLeavesProseAfterAQuotedWord(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`open "a.txt" password: wrong`, `open "a.txt" password: wrong`},
		{`field "name" token: expected a string`, `field "name" token: expected a string`},
		{`see "\n" Authorization: none given`, `see "\n" Authorization: none given`},
		{`bad value "x"  User: alice`, `bad value "x"  User: alice`},
		{`malformed MIME header initial line: " Set-Cookie: sid=s3cr3t"`,
			`malformed MIME header initial line: " Set-Cookie: REDACTED"`},
		{`initial line:"\t Cookie: a=s3cr3t"`, `initial line:"\t Cookie: REDACTED"`},
		{`" Cookie: a=s3cr3t"`, `" Cookie: REDACTED"`},
		{`wrapped: "line: \" Set-Cookie: sid=s3cr3t\""`, `wrapped: "line: \" Set-Cookie: REDACTED"`},
	} {
		if got := Keys(nil).Text(tc.in); got != tc.want {
			t.Errorf("Text(%s)\n = %s\nwant %s", tc.in, got, tc.want)
		}
	}
}
