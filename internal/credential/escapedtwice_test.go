package credential

import "testing"

// A query escaped twice (a callback's escaped into a URL that was escaped
// again: %253Ftoken%253Dabc), in a header's value, a URL or an error's
// text, is redacted as one escaped once is; one escaped once in a URL's
// path (https://x/cb%3Ftoken%3Dabc: a server that unescapes the path
// reads a query) too. Everyday escapes stay.
func TestRedactsAQueryEscapedTwice(t *testing.T) {
	k := Keys(nil)
	for _, tc := range []struct{ name, in, want string }{
		{"X-Cb", "https://x/cb%253Ftoken%253Dabc", "https://x/cb%253Ftoken%253DREDACTED"},
		{"X-Cb", "https://x/cb%253Ftoken%253Dabc%2526x%253D1", "https://x/cb%253Ftoken%253DREDACTED%2526x%253D1"},
		{"X-Cb", "https://x/cb%25253Ftoken%25253Dabc", "https://x/cb%25253Ftoken%25253DREDACTED"},
		{"X-Cb", "access_token%253Dabc%2526x%253D1", "access_token%253DREDACTED%2526x%253D1"},
		{"X-Cb", "a=1&next=%2Fcb%253Ftoken%253Dabc", "a=1&next=%2Fcb%253Ftoken%253DREDACTED"},
		{"Location", "https://x/cb%253Ftoken%253Dabc", "https://x/cb%253Ftoken%253DREDACTED"},
		{"Location", "https://x/cb%3Ftoken%3Dabc%26x%3D1", "https://x/cb%3Ftoken%3DREDACTED%26x%3D1"},
		{"Location", "https://x/?next=https%253A%252F%252Fy%252F%253Ftoken%253Dabc", "https://x/?next=https%253A%252F%252Fy%252F%253Ftoken%253DREDACTED"},
		// Everyday escapes.
		{"X-Cb", "https://x/a%2520b%253Fq", "https://x/a%2520b%253Fq"},
		{"Location", "https://x/files/a%3Db%20c.txt?x=1", "https://x/files/a%3Db%20c.txt?x=1"},
		{"Location", "https://x/search%3Fq%3Dshoes", "https://x/search%3Fq%3Dshoes"},
	} {
		if got := k.URLHeader(tc.name, tc.in); got != tc.want {
			t.Errorf("%s: %s:\n got %s\nwant %s", tc.name, tc.in, got, tc.want)
		}
		if got := k.URLHeader(tc.name, tc.want); got != tc.want {
			t.Errorf("%s: %s redacted again: %s", tc.name, tc.want, got)
		}
	}
	for in, want := range map[string]string{
		`Get "https://x/cb%253Ftoken%253Dabc": EOF`: `Get "https://x/cb%253Ftoken%253DREDACTED": EOF`,
		`Get "https://x/cb%3Ftoken%3Dabc": EOF`:     `Get "https://x/cb%3Ftoken%3DREDACTED": EOF`,
	} {
		if got := k.Text(in); got != want {
			t.Errorf("Text(%s)\n = %s\nwant %s", in, got, want)
		}
	}
	if got, want := k.String("https://x/cb%253Ftoken%253Dabc?a=1"), "https://x/cb%253Ftoken%253DREDACTED?a=1"; got != want {
		t.Errorf("String: got %s, want %s", got, want)
	}
}
