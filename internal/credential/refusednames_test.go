package credential

import (
	"strings"
	"testing"
)

// net/http's refusal of a header name or a method quotes it whole: a line
// pasted as a name ("X-Custom tok", "X-Api-Key=tok") or a token pasted as a
// method held its secret there, which the text rules (a value after a known
// name's colon) did not find.
func TestRefusedNameOrMethodHoldsNoSecret(t *testing.T) {
	const secret = "REFUSEDSECRET"
	for _, tc := range []struct{ in, want string }{
		{`net/http: invalid header field name "X-Custom ` + secret + `"`, `net/http: invalid header field name "X-Custom" then ' ' and [13 bytes withheld]`},
		{`Get "http://h/": invalid header field name "X-Api-Key=` + secret + `"`, `invalid header field name "X-Api-Key" then '='`},
		{`net/http: invalid trailer field name "X ` + secret + `\r\n"`, `invalid trailer field name "X" then ' ' and [15 bytes withheld]`},
		{`net/http: invalid method "GET ` + secret + `"`, `net/http: invalid method [17 bytes withheld]`},
		{`net/http: invalid method "PROPFIND "`, `invalid method "PROPFIND "`}, // a near miss: shown
		// Cut short, or quoted again by a layer (fmt.Errorf("... %q",
		// err.Error())) or in a JSON string: named by its length.
		{`invalid header field name "unclosed ` + secret, `invalid header field name [23 bytes withheld]`},
		{`upstream: "net/http: invalid method \"GET ` + secret + `\""`, `invalid method [21 bytes withheld]"`},
		{`{"error":"net/http: invalid header field name \"X-Custom ` + secret + `\""}`, `field name [26 bytes withheld]"}`},
		{`field name X`, `field name X`},
	} {
		got := Keys(nil).Text(tc.in)
		if tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("Text(%q) = %q, want it to hold %q", tc.in, got, tc.want)
		}
		if tc.want != "" && strings.Contains(got, secret) {
			t.Errorf("Text(%q) = %q", tc.in, got)
		}
	}
}
