package credential

import (
	"net/url"
	"strings"
	"testing"
)

// A query value may itself be a URL: a signed download URL handed to an
// image proxy or a PDF renderer (?src=…X-Amz-Signature=…), a callback with
// its token (?next=/cb?token=…). Such a URL is a credential as much as the
// parameter is: it is redacted as a URL is, as a form body's value already
// was (formURL), escaped or not, and one level further down.
func TestQueryValueThatIsASecretURLIsRedacted(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"http://h/resize?src=https%3A%2F%2Fb.s3.example%2Fa.jpg%3FX-Amz-Signature%3DSEC1%26X-Amz-Date%3D1&w=100",
			"http://h/resize?src=https%3A%2F%2Fb.s3.example%2Fa.jpg%3FX-Amz-Signature%3DREDACTED%26X-Amz-Date%3D1&w=100"},
		{"http://h/x?next=https://x/cb?access_token=SEC1", "http://h/x?next=https%3A%2F%2Fx%2Fcb%3Faccess_token%3DREDACTED"},
		{"http://h/x?a=1;next=%2Fcb%3Ftoken%3DSEC1", "http://h/x?a=1;next=%2Fcb%3Ftoken%3DREDACTED"},
		{"http://h/x?url=https%3A%2F%2Fu%3ASEC1%40x%2F", "http://h/x?url=https%3A%2F%2Fx%2F"},
		{"http://h/x?u=https%3A%2F%2Fx%2F%3Fnext%3Dhttps%253A%252F%252Fy%252F%253Fsig%253DSEC1",
			"http://h/x?u=https%3A%2F%2Fx%2F%3Fnext%3Dhttps%253A%252F%252Fy%252F%253Fsig%253DREDACTED"},
		// Nothing secret: kept byte for byte.
		{"http://h/x?t=12%3A30&a=b", "http://h/x?t=12%3A30&a=b"},
		{"http://h/x?src=https%3A%2F%2Fcdn.example%2Fa.jpg%3Fw%3D1", "http://h/x?src=https%3A%2F%2Fcdn.example%2Fa.jpg%3Fw%3D1"},
		{"http://h/x?next=/home", "http://h/x?next=/home"},
	} {
		if got := String(c.in); got != c.want {
			t.Errorf("String(%q)\n = %q\nwant %q", c.in, got, c.want)
		}
		u, err := url.Parse(c.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := URL(u); got != c.want {
			t.Errorf("URL(%q)\n = %q\nwant %q", c.in, got, c.want)
		}
		if got := URLText(u, c.in); got != c.want {
			t.Errorf("URLText(%q)\n = %q\nwant %q", c.in, got, c.want)
		}
		if got, want := Keys(nil).Query(u.RawQuery), c.want[strings.IndexByte(c.want, '?')+1:]; got != want {
			t.Errorf("Query(%q)\n = %q\nwant %q", u.RawQuery, got, want)
		}
		if got := Keys(nil).URLHeader("Location", c.in); got != c.want {
			t.Errorf("URLHeader(Location, %q)\n = %q\nwant %q", c.in, got, c.want)
		}
	}
}

// The look into values is bounded: a URL nested deeper than two levels is
// not walked (each level is one more walk and unescape of what it holds),
// so a long chain of them costs time linear in its length; such a value,
// a URL with a query that was not looked into, goes whole, as it may hide
// a secret. A URL three levels down with a signature is not seen in clear.
func TestQueryValueURLsAreLookedIntoTwoLevelsDeep(t *testing.T) {
	raw := "w=1"
	for range 5000 {
		raw = "u=https://h/?" + raw
	}
	u, err := url.Parse("http://h/?" + raw)
	if err != nil {
		t.Fatal(err)
	}
	const want = "http://h/?u=https%3A%2F%2Fh%2F%3Fu%3Dhttps%253A%252F%252Fh%252F%253Fu%253DREDACTED"
	if got := URL(u); got != want {
		t.Fatalf("a 5000-deep chain: got %.200s, want %s", got, want)
	}
	deep := "http://h/x?a=" + url.QueryEscape("https://b/?c="+url.QueryEscape("https://c/?d="+url.QueryEscape("https://d/?sig=SEC3")))
	if got := String(deep); strings.Contains(got, "SEC3") {
		t.Fatalf("a signature three levels down in clear: %s", got)
	}
	two := "http://h/x?a=" + url.QueryEscape("https://b/?c="+url.QueryEscape("https://c/?w=1"))
	if got := String(two); got != two {
		t.Fatalf("two levels, nothing secret: %s, want it as it was", got)
	}
}

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

// A URL quoted in free text (an error's) whose query value is a URL with
// its own query escaped, however much of the rest is ("https://i/x%3Fsig…",
// "/cb%3Ftoken…", "https:%2F%2F…"), has that secret redacted, as String
// redacts it in the URL alone.
func TestTextEscapedQueryOfNestedURL(t *testing.T) {
	for _, in := range []string{
		"http://h/?src=https://i.test/x%3Fsig%3DSEC1",
		"http://h/?src=/cb%3Faccess_token%3DSEC1&w=1",
		"http://h/?src=//i.test/x%3Fsig%3DSEC1",
		"http://h/?src=https:%2F%2Fi.test%2Fx%3Fsig%3DSEC1",
		"http://h/?src=HTTPS:%2f%2fi.test%2Fx%3Faccess_token%3DSEC1&w=1",
	} {
		if got := String(in); strings.Contains(got, "SEC1") {
			t.Fatalf("String(%q) = %q", in, got)
		}
		for _, text := range []string{`Get "` + in + `": EOF`, "redirect to " + in + " failed"} {
			if got := Keys(nil).Text(text); strings.Contains(got, "SEC1") {
				t.Errorf("Text(%q) = %q", text, got)
			}
		}
	}
}
