package credential

import (
	"strings"
	"testing"
)

// net/http quotes a list of Transfer-Encoding or Content-Length values
// whole (%q of a []string): a credential line folded into a later element
// than the first must not show, nor one whose name a byte follows that
// net/textproto would refuse, nor one folded into a line net/textproto
// refused for another byte.
func TestFoldedCredentialLineInAnyListElementRedacted(t *testing.T) {
	for _, s := range []string{
		`net/http: HTTP/1.x transport connection broken: too many transfer encodings: ["chunked" "gzip Set-Cookie: a=SECRET1"]`,
		`http: message cannot contain multiple Content-Length headers; got ["1" "2" "3 Authorization: Bearer SECRET1"]`,
		`bad Content-Length "0 Set-Cookie(: a=SECRET1"`,
		`bad Content-Length "0 Set-Cookie a=SECRET1"`,
		`malformed MIME header line: "Content-Length: 0 Set-Cookie\x01: a=SECRET1"`,
		// Forms read before as they were.
		`malformed MIME header line: "\"Set-Cookie: a=SECRET1"`,
		`malformed MIME header initial line: "\t\"Set-Cookie: a=SECRET1"`,
		`bad Content-Length "0 \"Set-Cookie: a=SECRET1"`,
		`malformed MIME header line: "Content-Length: 0 Set-Cookie\": a=SECRET1"`,
	} {
		got := Keys(nil).Text(s)
		if strings.Contains(got, "SECRET1") {
			t.Errorf("Text(%s) = %s", s, got)
		}
		if again := Keys(nil).Text(got); again != got {
			t.Errorf("Text twice: %s, then %s", got, again)
		}
	}
	if got := Keys(nil).TextNaming(`too many transfer encodings: ["a" "b X-Session: SECRET1"]`, []string{"X-Session"}); strings.Contains(got, "SECRET1") {
		t.Errorf("extra header name: %s", got)
	}
	// Lists and values with no credential line keep their words, and so do
	// quoted words after a list.
	for _, s := range []string{
		`too many transfer encodings: ["chunked" "gzip"]`,
		`got ["1" "2"] "Authorization" token: abc`,
		`bad Content-Length "12a" in "Cookie jar" at /tmp/Authorization`,
		`bad Content-Length "0 TOP SECRET@host"`, // a word like a name, no line
	} {
		if got := Keys(nil).Text(s); got != s {
			t.Errorf("Text(%s) = %s", s, got)
		}
	}
	// Linear on a long list, and no panic when it is cut.
	long := `headers; got [` + strings.Repeat(`"1" `, 1<<18) + `"2 Set-Cookie: SECRET1"]`
	if got := Keys(nil).Text(long); strings.Contains(got, "SECRET1") {
		t.Error("long list shown")
	}
	for _, cut := range []string{`got ["1" "`, `got ["1" "2 Cookie`, `got ["1" "2 Cookie\`, `encodings: ["`} {
		_ = Keys(nil).Text(cut)
	}
}

// The response header values taroreq's own errors quote (Events'
// Content-Type, a refused resume's Content-Encoding, the CLI's
// Content-Range) may hold a credential line folded in too.
func TestCredentialLineFoldedIntoAQuotedContentHeaderRedacted(t *testing.T) {
	for _, s := range []string{
		`client: not an event stream: status 200, Content-Type "text/html Set-Cookie: sid=SECRET1"`,
		`retry: resume refused: Content-Encoding "gzip Set-Cookie: sid=SECRET1", where the body began as "identity"`,
		`the 206 sent more than its Content-Range "bytes 0-1/2 Authorization: Bearer SECRET1"`,
	} {
		got := Keys(nil).Text(s)
		if strings.Contains(got, "SECRET1") {
			t.Errorf("Text(%s) = %s", s, got)
		}
		if again := Keys(nil).Text(got); again != got {
			t.Errorf("Text twice: %s, then %s", got, again)
		}
	}
	for _, s := range []string{
		`not an event stream: status 200, Content-Type "text/html; charset=utf-8"`,
		`Content-Encoding "br", where the body began as "gzip"`,
	} {
		if got := Keys(nil).Text(s); got != s {
			t.Errorf("Text(%s) = %s", s, got)
		}
	}
}
