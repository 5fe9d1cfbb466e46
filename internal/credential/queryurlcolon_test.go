package credential

import (
	"net/url"
	"strings"
	"testing"
)

// A query value that is a URL escaped but for its scheme's ':' (as an
// encoder that keeps RFC 3986's raw ':' in a query writes it) is a URL
// to the server that decodes it: its secret is redacted as in one fully
// escaped.
func TestQueryValueURLWithRawColonIsRedacted(t *testing.T) {
	for _, in := range []string{
		"http://h/?src=https:%2F%2Fi.test%2Fx%3Fsig%3DSEC1",
		"http://h/?src=HTTPS:%2f%2fi.test%2Fx%3Faccess_token%3DSEC1&w=1",
	} {
		u, err := url.Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		for what, got := range map[string]string{"String": String(in), "URL": URL(u), "URLText": URLText(u, in),
			"Location": Keys(nil).URLHeader("Location", in), "Query": Keys(nil).Query(u.RawQuery)} {
			if strings.Contains(got, "SEC1") {
				t.Errorf("%s(%q) = %q", what, in, got)
			}
		}
	}
}
