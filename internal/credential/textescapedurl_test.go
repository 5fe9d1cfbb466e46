package credential

import (
	"strings"
	"testing"
)

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
