package credential

import "testing"

// A header's value may quote other header lines (a proxy's echo of what
// it received, a debug header): the value of a credential header quoted
// there is redacted, to the next quoted line or the end, and other lines
// and free text with a colon stay.
func TestURLHeaderRedactsQuotedCredentialHeaderLines(t *testing.T) {
	k := Keys(nil)
	for _, tc := range []struct{ name, in, want string }{
		{"X-Debug", "Authorization: Bearer abc", "Authorization: REDACTED"},
		{"X-Debug", "Accept: */*, Cookie: sid=abc; theme=dark, X-Request-Id: 7", "Accept: */*, Cookie: REDACTED, X-Request-Id: 7"},
		{"X-Debug", "X-Api-Key:k1", "X-Api-Key:REDACTED"},
		{"X-Seen-Headers", "host: x; proxy-authorization: Basic dTpw", "host: x; proxy-authorization: REDACTED"},
		// Not credential header lines.
		{"X-Debug", "Accept: */*, X-Request-Id: 7", "Accept: */*, X-Request-Id: 7"},
		{"X-Error", "token: expired", "token: expired"},
		{"X-Note", "see Authorization: docs", "see Authorization: docs"},
		{"X-Time", "12:30:00", "12:30:00"},
	} {
		if got := k.URLHeader(tc.name, tc.in); got != tc.want {
			t.Errorf("%s: %s:\n got %s\nwant %s", tc.name, tc.in, got, tc.want)
		}
		if got := k.URLHeader(tc.name, tc.want); got != tc.want {
			t.Errorf("%s: %s redacted again: %s", tc.name, tc.want, got)
		}
	}
}
