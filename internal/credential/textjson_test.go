package credential

import (
	"strings"
	"testing"
)

// Text reads a raw JSON value past its usual stops (filter={"api_key":…})
// and redacts it when it holds a secret member. One earlier value that
// starts with '[' or '{' but is no JSON (tags=[draft) must not switch that
// reading off for the rest of the text.
func TestTextRawJSONAfterAnUnparsableBracket(t *testing.T) {
	for _, s := range []string{
		`see http://h/x?filter={"api_key":"S3CRET"}&page=1 now`,
		`see http://h/x?tags=[draft&filter={"api_key":"S3CRET"}&page=1 now`,
		`see http://h/x?tags=[draft now; then http://h/y?filter={"api_key":"S3CRET"} failed`,
	} {
		if got := Keys(nil).Text(s); strings.Contains(got, "S3CRET") {
			t.Errorf("Text(%s)\n = %s", s, got)
		}
	}
}

// A raw value that opens a string ("x or {"a":"b) and never closes it is
// read as JSON within its '&'-span only: the next parameter
// (filter={"api_key":…}, one a server splitting on '&' reads apart) is
// still read as JSON and its secret redacted.
func TestTextRawJSONAfterAnOpenString(t *testing.T) {
	for _, s := range []string{
		`see http://h/x?tags=["x&filter={"api_key":"S3CRET"}&page=1 now`,
		`see http://h/x?tags=[{"a":"b&filter={"api_key":"S3CRET"}&page=1 now`,
	} {
		if got := Keys(nil).Text(s); strings.Contains(got, "S3CRET") {
			t.Errorf("Text(%s)\n = %s", s, got)
		}
	}
}
