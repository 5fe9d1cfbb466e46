package credential

import (
	"net/url"
	"testing"
)

// A URL whose path is in Opaque (a Location written "http:h/a;…", which a
// browser follows as http://h/a;…, or a layer's "//h/a;…", Go's way to send
// a path unescaped) has its secret ';' path parameters redacted too:
// String writes Opaque in place of the path, and kept the session.
func TestURLRedactsSecretPathParametersOfOpaque(t *testing.T) {
	u := &url.URL{Scheme: "http", Host: "h", Opaque: "//h/a;jsessionid=S1;v=2", RawQuery: "x=1"}
	want := "http://h/a;jsessionid=REDACTED;v=2?x=1"
	if got := URL(u); got != want {
		t.Errorf("URL = %s, want %s", got, want)
	}
	if got := URLText(u, u.String()); got != want {
		t.Errorf("URLText = %s, want %s", got, want)
	}
	if u.Opaque != "//h/a;jsessionid=S1;v=2" {
		t.Errorf("u changed: %s", u.Opaque)
	}
	raw := "http:h/a;jsessionid=S1"
	if got := Keys(nil).URLHeader("Location", raw); got != "http:h/a;jsessionid=REDACTED" {
		t.Errorf("Location %s = %s", raw, got)
	}
	if got := String(raw); got != "http:h/a;jsessionid=REDACTED" {
		t.Errorf("String(%s) = %s", raw, got)
	}
	plain := &url.URL{Scheme: "http", Host: "h", Opaque: "//h/a;v=2"}
	if got := URL(plain); got != "http://h/a;v=2" {
		t.Errorf("URL = %s", got)
	}
}
