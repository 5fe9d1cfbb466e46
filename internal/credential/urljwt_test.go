package credential

import (
	"net/url"
	"strings"
	"testing"
)

// A JWT in a URL (a magic link's path, a signed state=, a token handed to
// an image proxy's path) was written whole wherever the URL was: in errors,
// events, logs, spans and recordings, and in the URL headers (Location,
// Link, Refresh) that other headers' values already had redacted (redactJWTs).
func TestURLRedactsJWTs(t *testing.T) {
	raws := []string{
		"https://app.example/verify/" + testJWT,
		"https://app.example/cb?state=" + testJWT + "&x=1",
		"https://app.example/cb?state=" + testJWE,
		"/login/" + testJWT + "?next=%2Fhome",
	}
	for _, raw := range raws {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		for what, got := range map[string]string{
			"URL":          URL(u),
			"URLText":      URLText(u, raw),
			"String":       String(raw),
			"String(bad)":  String(raw + "%zz"),
			"Location":     Keys(nil).URLHeader("Location", raw),
			"Link":         Keys(nil).URLHeader("Link", "<"+raw+">; rel=next"),
			"Refresh":      Keys(nil).URLHeader("Refresh", "0; url="+raw),
			"Text (error)": Keys(nil).Text(`Get "` + raw + `": EOF`),
		} {
			if strings.Contains(got, "eyJ") || !strings.Contains(got, Redacted) {
				t.Errorf("%s(%s) = %s: want the JWT redacted", what, raw, got)
			}
			if strings.Contains(raw, "x=1") && !strings.Contains(got, "x=1") {
				t.Errorf("%s(%s) = %s: lost the rest of the query", what, raw, got)
			}
		}
	}
	// Not a JWT: eyJ inside a word, a host, a lone JOSE header.
	for _, raw := range []string{"https://eyJ.example/a", "https://h/xeyJhbGciOiJIUzI1NiJ9.a.b", "https://h/eyJhbGciOiJIUzI1NiJ9"} {
		u, _ := url.Parse(raw)
		if got := URL(u); got != raw {
			t.Errorf("URL(%s) = %s: want it as it is", raw, got)
		}
	}
}
