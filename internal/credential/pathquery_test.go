package credential

import (
	"net/url"
	"strings"
	"testing"
)

// A query escaped into a path as url.PathEscape writes it ('?' escaped,
// '=' and '&' not) has its secret values redacted in a URL, in free text
// and in any header's value; its other parameters, and what follows an
// escaped '#' or the quote that ends a quoted URL, are kept.
func TestEscapedQueryParamsAsPathEscapeWritesThem(t *testing.T) {
	raw := "https://b.example/m" + url.PathEscape("?page=2&access_token=S1;sig=S2") + "%23frag"
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	want := "https://b.example/m%3Fpage=2&access_token=REDACTED%3Bsig=REDACTED%23frag"
	for what, got := range map[string]string{
		"URL":       URL(u),
		"Text":      strings.TrimSuffix(strings.TrimPrefix(Keys(nil).Text(`Get "`+raw+`": refused`), `Get "`), `": refused`),
		"URLHeader": Keys(nil).URLHeader("X-Upload-Url", raw),
	} {
		// Free text reads "&access_token=" as a query's own, to the end
		// of the URL: more goes, never less.
		if what == "URL" && got != want || strings.Contains(got, "S1") || strings.Contains(got, "S2") ||
			!strings.HasPrefix(got, "https://b.example/m%3Fpage=2&access_token=REDACTED") {
			t.Errorf("%s:\n got %s\nwant %s", what, got, want)
		}
	}
	if got := Keys(nil).Text("see /m%3Fpage=2 and a=b"); got != "see /m%3Fpage=2 and a=b" {
		t.Errorf("no secret: %s", got)
	}
}
