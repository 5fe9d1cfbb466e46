package credential

import "testing"

// Text redacts the value of a credential header's line quoted in free
// text, as net/textproto's "malformed MIME header line: %q" quotes the
// line a server sent; other lines, and text without one, stay as they are.
func TestTextRedactsQuotedCredentialHeaderLine(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`malformed MIME header line: "Set-Cookie: sid=s3cr3t\x01; Path=/"`,
			`malformed MIME header line: "Set-Cookie: REDACTED"`},
		{`malformed MIME header line: "X-Auth-Token:tok-\"q\"-s3cr3t\x7f" (earlier: "authorization: Bearer s3cr3t\x00")`,
			`malformed MIME header line: "X-Auth-Token:REDACTED" (earlier: "authorization: REDACTED")`},
		{`malformed MIME header line: "Content-Type: text/plain\x01"`,
			`malformed MIME header line: "Content-Type: text/plain\x01"`},
		{`malformed MIME header line: "Set-Cookie: REDACTED"`, `malformed MIME header line: "Set-Cookie: REDACTED"`},
		{`"Cookie: a=s3cr3t`, `"Cookie: REDACTED`},
		{`"Cookie:"`, `"Cookie:"`},
		{`quoted "x" then "Cookie: a=s3cr3t"`, `quoted "x" then "Cookie: REDACTED"`},
		{`no quote here: Cookie: a=1`, `no quote here: Cookie: a=1`},
	} {
		if got := Keys(nil).Text(tc.in); got != tc.want {
			t.Errorf("Text(%s)\n = %s\nwant %s", tc.in, got, tc.want)
		}
	}
}
