package credential

import (
	"strings"
	"testing"
)

// net/http quotes a Location value it cannot parse whole, and url.Parse's
// error quotes it again: a credential line net/textproto folded into it
// must not show in either.
func TestCredentialLineFoldedIntoALocationRedacted(t *testing.T) {
	s := `failed to parse Location header "/%zz Set-Cookie: a=SECRET1": parse "/%zz Set-Cookie: a=SECRET1": invalid URL escape "%zz"`
	got := Keys(nil).Text(s)
	if strings.Contains(got, "SECRET1") || !strings.Contains(got, `invalid URL escape "%zz"`) {
		t.Errorf("Text(%s) = %s", s, got)
	}
	if again := Keys(nil).Text(got); again != got {
		t.Errorf("Text twice: %s, then %s", got, again)
	}
	// A URL with no credential line keeps its words.
	s = `failed to parse Location header "/%zz x": parse "/%zz x": invalid URL escape "%zz"`
	if got := Keys(nil).Text(s); got != s {
		t.Errorf("Text(%s) = %s", s, got)
	}
}
