package credential

import (
	"net/url"
	"strings"
	"testing"
)

// A query value that is a URL holding a secret is redacted also when a '%'
// in it is not an escape ("…?sig=SEC%zz", a '%' at the end): browsers'
// URLSearchParams and lenient servers read such a value with the '%' kept,
// the URL and its secret as they are, but url.QueryUnescape refuses it,
// and the value was kept whole, the secret in clear.
func TestQueryValueURLWithAStrayPercentIsRedacted(t *testing.T) {
	deep := "http://h/x?a=" + url.QueryEscape("https://b/?c="+url.QueryEscape("https://c/?d=https%3A%2F%2Fd%2F%3Fsig%3DSEC1%zz"))
	for _, in := range []string{
		"http://h/x?next=https://h/x?sig=SEC1%zz",
		"http://h/x?next=https%3A%2F%2Fh%2Fx%3Fsig%3DSEC1%zz",
		"http://h/x?next=/cb?token=SEC1%",
		"http://h/x?next=%2Fcb%3Ftoken%3DSEC1%2",
		"http://h/x?a=https%3A%2F%2Fb%2F%3Fc%3Dhttps%253A%252F%252Fc%252F%253Fsig%253DSEC1%25zz",
		deep,
	} {
		u, err := url.Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		for what, got := range map[string]string{"String": String(in), "URL": URL(u), "URLText": URLText(u, in),
			"URLHeader": Keys(nil).URLHeader("Location", in), "Query": Keys(nil).Query(u.RawQuery)} {
			if strings.Contains(got, "SEC1") {
				t.Errorf("%s(%q) = %q", what, in, got)
			}
		}
	}
	// Nothing secret: kept byte for byte, stray '%' and all.
	for _, in := range []string{"http://h/x?next=https://h/x?w=100%", "http://h/x?next=%2Fcb%3Fa%3D5%zz"} {
		if got := String(in); got != in {
			t.Errorf("String(%q) = %q, want it as it was", in, got)
		}
	}
}
