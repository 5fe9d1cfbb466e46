package credential

import (
	"strings"
	"testing"
)

// Free text that quotes a URL in double quotes whose "//" a raw tab or newline splits (an
// error of a layer that quotes a Location as it came, "/<TAB>/alice:pw@h/x",
// which a browser follows as //alice:pw@h/x) loses its userinfo, as it
// does when %q escaped the tab: the scan for a URL's start skipped raw tabs
// only after two slashes.
func TestTextQuotedURLSplitByRawTabLosesUserinfo(t *testing.T) {
	for _, in := range []string{
		"failed to parse Location header \"/\t/alice:SEC1@h/x\": bad",
		"redirect to \"/\n/alice:SEC1@h/x\" refused",
		"redirect to \"/\r\n/alice:SEC1@h/x?q=1\" refused",
		"redirect to \"\\\t\\alice:SEC1@h/x\" refused",
	} {
		got := Keys(nil).Text(in)
		if strings.Contains(got, "SEC1") || strings.Contains(got, "alice") {
			t.Errorf("Text(%q) = %q", in, got)
		}
	}
	// A slash, a tab and text after it is no URL.
	if in := "a /\tcomment @ here"; Keys(nil).Text(in) != in {
		t.Errorf("Text(%q) = %q", in, Keys(nil).Text(in))
	}
}
