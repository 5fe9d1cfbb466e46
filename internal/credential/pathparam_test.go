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

// A URL header whose URL does not parse (an escape such as %zz) is cut to
// Bare, as String cuts it; its secret ';' path parameters are redacted as
// String redacts them: a Location to /home;jsessionid=<id>/%zz put the
// session in clear in the recorded or logged header.
func TestURLHeaderRedactsPathParametersOfUnparsableURL(t *testing.T) {
	for name, v := range map[string][2]string{
		"Location":         {"/home;jsessionid=S1/%zz", "/home;jsessionid=REDACTED/%zz"},
		"Content-Location": {"http://h/a;jsessionid=S1/%zz?x=1", "http://h/a;jsessionid=REDACTED/%zz"},
		"Refresh":          {"0; url=http://h/a;jsessionid=S1/%zz", "0; url=http://h/a;jsessionid=REDACTED/%zz"},
		"Link":             {"<http://h/a;jsessionid=S1/%zz>; rel=next", "<http://h/a;jsessionid=REDACTED/%zz>; rel=next"},
	} {
		if got := Keys(nil).URLHeader(name, v[0]); got != v[1] {
			t.Errorf("%s: %s = %s, want %s", name, v[0], got, v[1])
		}
	}
	if got := NewKeys("ctx").URLHeader("Location", "/a;ctx=S1/%zz"); got != "/a;ctx=REDACTED/%zz" {
		t.Errorf("a name of the keys: %s", got)
	}
}
