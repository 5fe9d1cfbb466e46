package credential

import "testing"

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
