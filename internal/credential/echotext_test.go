package credential

import (
	"net/url"
	"strconv"
	"testing"
)

// RedactEchoedText replaces each secret as it is and as %q writes it (a
// quoted header line in net/http's error), the longest first; the query's
// secret-named values count, others not.
func TestRedactEchoedText(t *testing.T) {
	u, _ := url.Parse(`http://h/x?token=tok-"q"-12345&page=page-12345678`)
	secrets := EchoedValues(EchoedSecrets(nil, u, nil), "short", "ck-12345678", "a=ck-12345678; b=other-1234567")
	text := "line " + strconv.Quote(`v=tok-"q"-12345 w=a=ck-12345678; b=other-1234567 p=page-12345678 s=short`)
	got := RedactEchoedText(text, secrets)
	want := "line " + strconv.Quote("v=REDACTED w=REDACTED p=page-12345678 s=short")
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if s := "nothing here"; RedactEchoedText(s, secrets) != s || RedactEchoedText(s, nil) != s {
		t.Error("a text without secrets changed")
	}
}
