package credential

import (
	"fmt"
	"strings"
	"testing"
)

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
