package credential

import (
	"net/url"
	"testing"
)

// A ';' parameter of a path segment named like a secret (Tomcat's
// jsessionid, where a client without cookies keeps its session) is
// redacted in a URL as Text redacts it in free text; other path
// parameters, and the path itself, stay as they are.
func TestURLRedactsSecretPathParameters(t *testing.T) {
	for raw, want := range map[string]string{
		"http://h/app/home;jsessionid=S1?tab=1":      "http://h/app/home;jsessionid=REDACTED?tab=1",
		"http://h/a;v=2;JSESSIONID=S1/b;token=S2":    "http://h/a;v=2;JSESSIONID=REDACTED/b;token=REDACTED",
		"http://h/a;jsessionid=S1?access_token=S2#f": "http://h/a;jsessionid=REDACTED?access_token=REDACTED",
		"http://h/a;v=2/b;x=1?q=1":                   "http://h/a;v=2/b;x=1?q=1",
		"http://h/a%20b;session=S%2F1":               "http://h/a%20b;session=REDACTED",
	} {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := URL(u); got != want {
			t.Errorf("URL(%s) = %s, want %s", raw, got, want)
		}
		if got := String(raw); got != want {
			t.Errorf("String(%s) = %s, want %s", raw, got, want)
		}
		if got := URLText(u, u.String()); got != want {
			t.Errorf("URLText(%s) = %s, want %s", raw, got, want)
		}
		if got := Keys(nil).URLHeader("Location", raw); got != want {
			t.Errorf("Location %s = %s, want %s", raw, got, want)
		}
	}
	if got := String("http://h/a;jsessionid=S1/%zz?x"); got != "http://h/a;jsessionid=REDACTED/%zz" {
		t.Errorf("unparsable: %s", got)
	}
}
