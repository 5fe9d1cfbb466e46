package credential

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

// A quote that closes a quoted word, then a space and a word that names a
// credential header and a colon, is prose, not a quoted header line: it
// stayed as it was until the spaces and escapes before a quoted name were
// skipped (for "malformed MIME header initial line: \" Set-Cookie: …\"")
// after any quote, and "open "a.txt" password: wrong" lost its end. A line
// quoted after "line: ", or quoted again, is still redacted.
func TestTextLeavesProseAfterAQuotedWord(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`open "a.txt" password: wrong`, `open "a.txt" password: wrong`},
		{`field "name" token: expected a string`, `field "name" token: expected a string`},
		{`see "\n" Authorization: none given`, `see "\n" Authorization: none given`},
		{`bad value "x"  User: alice`, `bad value "x"  User: alice`},
		{`malformed MIME header initial line: " Set-Cookie: sid=s3cr3t"`,
			`malformed MIME header initial line: " Set-Cookie: REDACTED"`},
		{`initial line:"\t Cookie: a=s3cr3t"`, `initial line:"\t Cookie: REDACTED"`},
		{`" Cookie: a=s3cr3t"`, `" Cookie: REDACTED"`},
		{`wrapped: "line: \" Set-Cookie: sid=s3cr3t\""`, `wrapped: "line: \" Set-Cookie: REDACTED"`},
	} {
		if got := Keys(nil).Text(tc.in); got != tc.want {
			t.Errorf("Text(%s)\n = %s\nwant %s", tc.in, got, tc.want)
		}
	}
}

// A quote after an escaped backslash (\\", a quoted word that ends in a
// backslash, "C:\\") is not escaped: it closes the word, and what follows
// is prose, as after any other quoted word (f2922eb). It was taken for the
// opening of a line quoted again (\"), and "open "C:\\" password: wrong"
// lost its end. A line quoted again or thrice is still redacted.
func TestTextLeavesProseAfterAQuotedWordEndingInABackslash(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`open "C:\\" password: wrong`, `open "C:\\" password: wrong`},
		{`dir "a\\b\\"  Token: none`, `dir "a\\b\\"  Token: none`},
		{`wrapped: "line: \" Set-Cookie: sid=s3cr3t\""`, `wrapped: "line: \" Set-Cookie: REDACTED"`},
		{`w: "x: \"line: \\\" Cookie: a=s3cr3t\\\"\""`, `w: "x: \"line: \\\" Cookie: REDACTED"`},
		{`w: "line: \"\\x01Set-Cookie: sid=s3cr3t\""`, `w: "line: \"\\x01Set-Cookie: REDACTED"`},
	} {
		if got := Keys(nil).Text(tc.in); got != tc.want {
			t.Errorf("Text(%s)\n = %s\nwant %s", tc.in, got, tc.want)
		}
	}
	// Linear: a long run of backslashes before each of many quotes.
	s := strings.Repeat(strings.Repeat(`\`, 511)+`"`, 2048)
	start := time.Now()
	Keys(nil).Text(s)
	if d := time.Since(start); d > time.Second {
		t.Errorf("1 MiB of backslash runs and quotes took %v", d)
	}
}

// net/textproto refuses a header line whose name holds a backslash or a
// character that is not ASCII, and quotes it whole with %q, which writes
// the backslash as \\ and a printable character (é, U+1F600) as it is:
// the credential header's value is redacted, as it is for a control byte
// in the name (\x01), the text quoted once or twice.
func TestTextRedactsQuotedHeaderLineWithBackslashOrNonASCIIName(t *testing.T) {
	for _, line := range []string{
		"Set-Cookie\\: sid=s3cr3t",
		"X-Auth-Token\\\\: s3cr3t",
		"X-Auth-Tokené: s3cr3t",
		"Set-Cookie\U0001F600: sid=s3cr3t",
		"Authori\u00e9zation\x01: Bearer s3cr3t",
	} {
		once := fmt.Sprintf("malformed MIME header line: %q", line)
		for _, in := range []string{once, fmt.Sprintf("wrapped: %q", once)} {
			if got := Keys(nil).Text(in); strings.Contains(got, "s3cr3t") || !strings.Contains(got, Redacted) {
				t.Errorf("Text(%s)\n = %s", in, got)
			}
		}
	}
	// Prose and names that are no credential header's stay as they are.
	for _, in := range []string{
		`malformed MIME header line: "Content-Typé\\: text/plain"`,
		`a "café": fine`, `path "C:\\dir\\" ok`, `"\\": x`,
	} {
		if got := Keys(nil).Text(in); got != in {
			t.Errorf("Text(%s)\n = %s", in, got)
		}
	}
}

// A net/http error quoted once more (%q, or slog's TextHandler) keeps its
// cause: only the JSON value is redacted, not the rest of the message.
func TestTextTwiceQuotedErrorKeepsCause(t *testing.T) {
	err := &url.Error{Op: "Get", URL: `http://h/?f={"api_key":"S3CRET"}`,
		Err: errors.New("dial tcp 10.0.0.1:443: connect: connection refused")}
	s := fmt.Sprintf("request failed: %q (attempt 2)", err.Error())
	got := Keys(nil).Text(s)
	if strings.Contains(got, "S3CRET") || !strings.Contains(got, "connection refused") {
		t.Errorf("Text(%s)\n = %s", s, got)
	}
}

// A secret in a URL inside markup ends at the markup: what follows is kept.
func TestTextSecretInMarkupKeepsRest(t *testing.T) {
	s := `unexpected response: <Error><Code>SignatureDoesNotMatch</Code><URL>https://h/o?token=S3CRET</URL><RequestId>4442587FB7D0A2F9</RequestId></Error>`
	got := Keys(nil).Text(s)
	if strings.Contains(got, "S3CRET") || !strings.Contains(got, "4442587FB7D0A2F9") {
		t.Errorf("Text(%s)\n = %s", s, got)
	}
}

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
