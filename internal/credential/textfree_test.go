package credential

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// A '?' inside a value does not end it, so a later parameter can share a
// stretch with an earlier one that was judged already: it is still read
// as JSON, even where its URL ends the text.
func TestTextJudgesEveryParameterOfAStretch(t *testing.T) {
	for _, s := range []string{
		`redirect to http://h/?a=x?f=%7B%22api_key%22%3A%22S3CRET%22%7D`,
		`http://h/?next=/p?filter=%7B%22token%22:%22S3CRET%22%7D`,
	} {
		if got := Keys(nil).Text(s); strings.Contains(got, "S3CRET") {
			t.Errorf("Text(%s)\n = %s", s, got)
		}
	}
}

// Whatever the text: no panic; and a secret's value quoted in the usual
// error is never printed.
func FuzzTextSecretValue(f *testing.F) {
	f.Add("abcd", `Get "http://h/?a={\"x\":1}&token=`)
	f.Add("x%7B", `?a=[`)
	f.Add("%7B%22a%22", `Get "http://h/?a=x?f=%7B%22api_key%22:1%7D": x`)
	f.Add("ab\\", `failed to parse Location header "http://h/?f={\"a\": 1}`)
	f.Fuzz(func(t *testing.T, v, free string) {
		_ = Keys(nil).Text(free)
		_ = Keys(nil).Text(free + v)
		if len(v) < 4 || strings.ContainsAny(v, "&#\" \x00") || strings.IndexByte("\t\r\n", v[0]) >= 0 {
			return
		}
		s := `Get "http://h/?token=` + v + `": x`
		got := Keys(nil).Text(s)
		if g := strings.ReplaceAll(got, Redacted, "\x00"); strings.Contains(g, v) && !strings.Contains(`Get "http://h/?token=`+"\x00"+`": x`, v) {
			t.Fatalf("Text(%q) = %q", s, got)
		}
	})
}

// %q-escaped raw JSON with spaces (json.dumps' ", " and ": ") or an HTML
// string inside is judged whole: its secret member is redacted.
func TestTextEscapedJSONWithSpaces(t *testing.T) {
	for _, loc := range []string{
		`http://h/%zz?f={"a": 1, "api_key": "S3CRET"}`,
		`http://h/%zz?f={"note":"<b>hi</b>","api_key":"S3CRET"}`,
	} {
		_, err := url.Parse(loc)
		s := fmt.Sprintf("failed to parse Location header %q: %v", loc, err) // as net/http words it
		if got := Keys(nil).Text(s); strings.Contains(got, "S3CRET") {
			t.Errorf("Text(%s)\n = %s", s, got)
		}
	}
}

// A secret value that starts with '<' (no stop for a secret) is redacted.
func TestTextSecretValueStartingWithABracket(t *testing.T) {
	s := `Get "http://h/?token=<S3CRET>": x`
	if got := Keys(nil).Text(s); strings.Contains(got, "S3CRET") {
		t.Errorf("Text(%s)\n = %s", s, got)
	}
}

// Text redacts the value of a credential header's line quoted in free
// text, as net/textproto's "malformed MIME header line: %q" quotes the
// line a server sent; other lines, and text without one, stay as they are.
func TestTextRedactsQuotedCredentialHeaderLine(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`malformed MIME header line: "Set-Cookie: sid=s3cr3t\x01; Path=/"`,
			`malformed MIME header line: "Set-Cookie: REDACTED"`},
		{`malformed MIME header line: "X-Auth-Token:tok-\"q\"-s3cr3t\x7f" (earlier: "authorization: Bearer s3cr3t\x00")`,
			`malformed MIME header line: "X-Auth-Token:REDACTED" (earlier: "authorization: REDACTED")`},
		{`malformed MIME header line: "Content-Type: text/plain\x01"`,
			`malformed MIME header line: "Content-Type: text/plain\x01"`},
		{`malformed MIME header line: "Set-Cookie: REDACTED"`, `malformed MIME header line: "Set-Cookie: REDACTED"`},
		{`"Cookie: a=s3cr3t`, `"Cookie: REDACTED`},
		{`"Cookie:"`, `"Cookie:"`},
		{`quoted "x" then "Cookie: a=s3cr3t"`, `quoted "x" then "Cookie: REDACTED"`},
		{`no quote here: Cookie: a=1`, `no quote here: Cookie: a=1`},
		// A first line that starts with a space or a tab ("malformed MIME
		// header initial line"), a name net/textproto refuses for a byte
		// %q escapes (a control byte, a tab, a byte not UTF-8), the text
		// quoted again: the name is still the credential header's.
		{`malformed MIME header initial line: " Set-Cookie: sid=s3cr3t"`,
			`malformed MIME header initial line: " Set-Cookie: REDACTED"`},
		{`malformed MIME header initial line: "\tAuthorization: Bearer s3cr3t"`,
			`malformed MIME header initial line: "\tAuthorization: REDACTED"`},
		{`"Set-Cookie\x01: sid=s3cr3t" "Set-Cookie\t: sid=s3cr3t" "X-Auth\u0085-Token\xe9 : s3cr3t"`,
			`"Set-Cookie\x01: REDACTED" "Set-Cookie\t: REDACTED" "X-Auth\u0085-Token\xe9 : REDACTED"`},
		{`wrapped: "line: \"Set-Cookie\\x01: sid=s3cr3t\""`, `wrapped: "line: \"Set-Cookie\\x01: REDACTED"`},
		{`"Content-Type\x01: text/plain" "a\\" "\\b: c"`, `"Content-Type\x01: text/plain" "a\\" "\\b: c"`},
	} {
		if got := Keys(nil).Text(tc.in); got != tc.want {
			t.Errorf("Text(%s)\n = %s\nwant %s", tc.in, got, tc.want)
		}
	}
}
